package dev.portcullis.jsonschema;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.InputStreamSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * Parses and compiles schemas at startup. Loads {@code $ref}s only from the schemas registered by IRI and the
 * library's own meta-schemas on the class path; any other IRI (http, https, file) is refused, never fetched.
 */
final class SchemaCompiler {
    private static final String META_SCHEMA = "https://json-schema.org/draft/2020-12/schema";

    private final ObjectMapper mapper;
    private final JsonSchemaFactory factory;
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().build();

    SchemaCompiler(ObjectMapper mapper, Map<String, byte[]> registered) {
        this.mapper = mapper;
        this.factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012, builder -> builder
                .schemaLoaders(loaders -> loaders.add(iri -> load(registered, iri.toString()))));
    }

    private static InputStreamSource load(Map<String, byte[]> registered, String iri) {
        byte[] content = registered.get(iri);
        if (content != null) {
            return () -> new ByteArrayInputStream(content);
        }
        if (iri.startsWith("classpath:") || iri.startsWith("resource:")) {
            return null;
        }
        throw new IllegalArgumentException("$ref " + iri + " is not a registered schema; remote schemas are never"
                + " fetched (register it with referencedSchema)");
    }

    /** Parses JSON, naming the source, line and column when it is malformed. */
    JsonNode parse(String source, byte[] content) {
        try {
            return mapper.readTree(content);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new IllegalArgumentException("schema " + source + ": not valid JSON at line "
                    + (at == null ? "?" : at.getLineNr()) + ", column " + (at == null ? "?" : at.getColumnNr())
                    + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("schema " + source + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** Checks the schema against the 2020-12 meta-schema, then compiles it and resolves every reference now. */
    JsonSchema compile(String source, JsonNode schema) {
        Set<ValidationMessage> problems = factory.getSchema(SchemaLocation.of(META_SCHEMA), config).validate(schema);
        if (!problems.isEmpty()) {
            ValidationMessage first = problems.iterator().next();
            throw new IllegalArgumentException("schema " + source + ": invalid at "
                    + pointer(first) + ": " + first.getMessage());
        }
        try {
            String id = schema.path("$id").asText("");
            JsonSchema compiled = id.isEmpty()
                    ? factory.getSchema(schema, config)
                    : factory.getSchema(SchemaLocation.of(id), schema, config);
            compiled.initializeValidators();
            return compiled;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("schema " + source + ": " + e.getMessage(), e);
        }
    }

    static String pointer(ValidationMessage message) {
        String location = message.getInstanceLocation().toString();
        return location.isEmpty() ? "/" : location;
    }
}
