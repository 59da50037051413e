package dev.portcullis.examples.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.portcullis.config.ConfigSchema;
import dev.portcullis.config.GatewayConfig;
import dev.portcullis.config.InterceptorRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every shipped example file passes the published JSON Schema and the loader's own checks. */
class ExampleFilesTest {
    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(ConfigTwinsTest.EXAMPLES)) {
            return files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @Test
    void theFourExamplesShip() throws IOException {
        assertEquals(List.of("api-keys.yaml", "full.yaml", "jwt-per-user-limits.yaml", "plain-proxy.yaml"),
                examples().map(file -> file.getFileName().toString()).toList());
    }

    @ParameterizedTest
    @MethodSource("examples")
    void anExampleIsValidByThePublishedSchema(Path example) throws IOException {
        JsonSchema schema;
        try (InputStream in = ConfigSchema.class.getResourceAsStream(ConfigSchema.RESOURCE)) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(new ObjectMapper().readTree(in));
        }
        Set<ValidationMessage> messages = schema.validate(new YAMLMapper().readTree(example.toFile()));
        assertTrue(messages.isEmpty(), example + ": " + messages);
    }

    @ParameterizedTest
    @MethodSource("examples")
    void anExamplePassesTheLoadersChecks(Path example) {
        GatewayConfig.Loader loader = GatewayConfig.loader()
                .environment(Map.of("REPORTING_API_KEY", ConfigTwinsTest.REPORTING_KEY)::get)
                .interceptors(InterceptorRegistry.builder().discover(getClass().getClassLoader()).build());
        assertEquals(List.of(), loader.check(example));
    }
}
