package dev.portcullis.jsonschema;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import dev.portcullis.api.Body;
import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.api.validation.BodyLimits;
import dev.portcullis.api.validation.RequestValidator;
import dev.portcullis.api.validation.ValidationResult;
import dev.portcullis.api.validation.Violation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Validates JSON request bodies against JSON Schema 2020-12, one schema per route id (from
 * {@code request.attribute(Routing.MATCH)}). Requests on routes without a schema pass untouched without their body
 * being read. On a route with a schema, {@code POST}, {@code PUT} and {@code PATCH} must carry a valid document; any
 * other method is validated too when it carries a body (a {@code DELETE} with JSON, say), and passes untouched when
 * its body is empty, so a body can never reach the upstream unvalidated.
 *
 * <p>The body is buffered up to {@link Builder#maxBodyBytes(long)} (413 beyond), parsed once (strictly: duplicate
 * keys, trailing content, nesting deeper than {@link Builder#maxDepth(int)}, numbers beyond the range of a
 * double, a byte order mark and any encoding but UTF-8 are malformed; malformed JSON is a 400 {@code invalid-json} problem), validated, and
 * forwarded unchanged as {@code Body.of(bytes)}. Schema violations are a 422 {@code validation-failed} problem with
 * one {@code {pointer, message}} per violation, sorted by pointer. Content-type checks belong to the guards.
 *
 * <p>Every schema is read, checked against the 2020-12 meta-schema and compiled in {@link Builder#build()}; a
 * broken schema fails startup naming its file and location. {@code $ref}s resolve only to schemas registered with
 * {@link Builder#referencedSchema(String, Path)}: nothing is fetched over the network, ever.
 *
 * <pre>{@code
 * JsonSchemaValidator orders = JsonSchemaValidator.builder()
 *     .schema("orders", Path.of("schemas/order.json"))
 *     .referencedSchema("https://schemas.example.com/address.json", Path.of("schemas/address.json"))
 *     .maxBodyBytes(256 * 1024)
 *     .build();
 * Pipeline.builder().add(Routing.interceptor(routes)).add(Validation.interceptor(orders)).build();
 * }</pre>
 */
public final class JsonSchemaValidator implements RequestValidator {
    private static final Set<String> METHODS = Set.of("POST", "PUT", "PATCH");

    private final Map<String, JsonSchema> schemas;
    private final long maxBodyBytes;
    private final StrictJson json;

    private JsonSchemaValidator(Map<String, JsonSchema> schemas, long maxBodyBytes, int maxDepth) {
        this.schemas = Map.copyOf(schemas);
        this.maxBodyBytes = maxBodyBytes;
        this.json = new StrictJson(maxDepth);
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public CompletionStage<ValidationResult> validate(GatewayRequest request) {
        JsonSchema schema = request.attribute(Routing.MATCH)
                .map(match -> schemas.get(match.route().id())).orElse(null);
        boolean documentRequired = METHODS.contains(request.method());
        if (schema == null || (!documentRequired && request.body().contentLength() == 0)) {
            return CompletableFuture.completedFuture(ValidationResult.valid(request));
        }
        return BodyLimits.collect(request.body(), maxBodyBytes).thenApply(bytes ->
                !documentRequired && bytes.length == 0
                        ? ValidationResult.valid(request.toBuilder().body(Body.empty()).build())
                        : check(schema, request, bytes));
    }

    private ValidationResult check(JsonSchema schema, GatewayRequest request, byte[] bytes) {
        Set<ValidationMessage> messages = schema.validate(json.parse(bytes));
        if (messages.isEmpty()) {
            return ValidationResult.valid(request.toBuilder().body(Body.of(bytes)).build());
        }
        List<Violation> violations = new ArrayList<>(messages.size());
        for (ValidationMessage message : messages) {
            violations.add(new Violation(SchemaCompiler.pointer(message), message.getError()));
        }
        violations.sort(Comparator.comparing(Violation::pointer).thenComparing(Violation::message));
        return ValidationResult.invalid(422, violations);
    }

    /** Collects the schemas of a {@link JsonSchemaValidator}; {@link #build()} compiles them. Not thread-safe. */
    public static final class Builder {
        private final Map<String, Path> schemas = new LinkedHashMap<>();
        private final Map<String, Path> referenced = new LinkedHashMap<>();
        private long maxBodyBytes = 1024 * 1024;
        private int maxDepth = 64;

        private Builder() {
        }

        /** @param routeId the route whose bodies this schema checks @param file a JSON Schema 2020-12 file @return this builder */
        public Builder schema(String routeId, Path file) {
            schemas.put(Objects.requireNonNull(routeId, "routeId"), Objects.requireNonNull(file, "file"));
            return this;
        }

        /** @param iri the absolute IRI other schemas {@code $ref} @param file the schema served for it @return this builder */
        public Builder referencedSchema(String iri, Path file) {
            referenced.put(Objects.requireNonNull(iri, "iri"), Objects.requireNonNull(file, "file"));
            return this;
        }

        /** @param bytes the largest body buffered for validation, default 1 MiB @return this builder */
        public Builder maxBodyBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxBodyBytes must be at least 1: " + bytes);
            }
            this.maxBodyBytes = bytes;
            return this;
        }

        /**
         * Caps how deeply objects and arrays may nest in a body; deeper bodies are refused by the parser (400
         * {@code invalid-json}) before validation, whose recursion would otherwise overflow the stack.
         *
         * @param levels the deepest nesting accepted, default 64
         * @return this builder
         */
        public Builder maxDepth(int levels) {
            if (levels < 1) {
                throw new IllegalArgumentException("maxDepth must be at least 1: " + levels);
            }
            this.maxDepth = levels;
            return this;
        }

        /**
         * @return the validator with every schema compiled
         * @throws IllegalArgumentException naming the schema file and the location of the first error
         */
        public JsonSchemaValidator build() {
            ObjectMapper mapper = new ObjectMapper()
                    .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
            Map<String, byte[]> registered = new HashMap<>();
            referenced.forEach((iri, file) -> registered.put(iri, read(file)));
            SchemaCompiler compiler = new SchemaCompiler(mapper, registered);
            referenced.forEach((iri, file) -> compiler.parse(file.toString(), registered.get(iri)));
            Map<String, JsonSchema> compiled = new HashMap<>();
            schemas.forEach((routeId, file) -> compiled.put(routeId,
                    compiler.compile(file.toString(), compiler.parse(file.toString(), read(file)))));
            return new JsonSchemaValidator(compiled, maxBodyBytes, maxDepth);
        }

        private static byte[] read(Path file) {
            try {
                return Files.readAllBytes(file);
            } catch (IOException e) {
                throw new IllegalArgumentException("schema " + file + ": cannot be read: " + e, e);
            }
        }
    }
}
