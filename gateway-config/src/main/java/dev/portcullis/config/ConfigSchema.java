package dev.portcullis.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.portcullis.config.internal.bind.SchemaGenerator;
import dev.portcullis.config.internal.model.GatewayModel;

/**
 * The JSON Schema (2020-12) of the configuration format, generated from the same model the loader binds, so it
 * never drifts from what the loader accepts. The jar ships it as {@value #RESOURCE}; point an editor at it (for
 * YAML: {@code # yaml-language-server: $schema=...}) to get completion and checks while writing a file.
 *
 * <pre>{@code
 * Files.writeString(Path.of("gateway-config.schema.json"), ConfigSchema.generate());
 * }</pre>
 */
public final class ConfigSchema {
    /** Where the jar holds the schema. */
    public static final String RESOURCE = "/dev/portcullis/config/gateway-config.schema.json";
    /** The schema's {@code $id}. */
    public static final String ID = "https://portcullis.dev/schemas/gateway-config.schema.json";

    private ConfigSchema() {
    }

    /** @return the schema as pretty-printed JSON, ending with a line break */
    public static String generate() {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(SchemaGenerator.generate(GatewayModel.class, ID)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the schema", e);
        }
    }
}
