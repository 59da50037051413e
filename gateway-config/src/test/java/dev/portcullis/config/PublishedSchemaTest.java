package dev.portcullis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The JSON Schema published in the repository (and the jar) is the one generated from the model. When the model
 * changes, regenerate it with {@code mvn -pl gateway-config -am test -Dtest=PublishedSchemaTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dportcullis.writeSchema=true} and commit the file.
 */
class PublishedSchemaTest {
    private static final Path PUBLISHED = Path.of("src/main/resources" + ConfigSchema.RESOURCE);

    @Test
    void thePublishedSchemaIsTheOneGeneratedFromTheModel() throws IOException {
        String generated = ConfigSchema.generate();
        if (Boolean.getBoolean("portcullis.writeSchema")) {
            Files.createDirectories(PUBLISHED.getParent());
            Files.writeString(PUBLISHED, generated);
        }
        assertEquals(generated, Files.readString(PUBLISHED), "the model changed: regenerate " + PUBLISHED
                + " with -Dportcullis.writeSchema=true (see this test's javadoc)");
    }

    @Test
    void theJarCarriesThePublishedSchema() throws IOException {
        try (var in = ConfigSchema.class.getResourceAsStream(ConfigSchema.RESOURCE)) {
            assertEquals(ConfigSchema.generate(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void theSchemaAcceptsAFileTheLoaderAcceptsAndRefusesAnUnknownKey() throws IOException {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(new ObjectMapper().readTree(ConfigSchema.generate()));
        JsonNode valid = new YAMLMapper().readTree(String.join("\n",
                "pipeline: [routing, guards]",
                "guards: {maxBodySize: 64KiB, maxHeaderSize: 8192}",
                "routes:",
                "  - id: api",
                "    methods: GET",
                "    upstreams: [http://127.0.0.1:9001, {uri: http://127.0.0.1:9002, weight: 2}]",
                "    timeouts: {connect: 250ms}",
                "    access: anonymous",
                "    guard: {requiredQuery: {page: integer, q: {pattern: '[a-z]+'}}}"));
        Set<ValidationMessage> none = schema.validate(valid);
        assertTrue(none.isEmpty(), none.toString());
        JsonNode unknownKey = new YAMLMapper().readTree("pipeline: [routing]\nroutes: [{id: a, upstreams: [x], "
                + "timeout: 1s}]");
        assertEquals(1, schema.validate(unknownKey).size(), schema.validate(unknownKey).toString());
    }
}
