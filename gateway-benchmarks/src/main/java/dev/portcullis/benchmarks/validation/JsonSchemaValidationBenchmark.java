package dev.portcullis.benchmarks.validation;

import dev.portcullis.api.Body;
import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.api.validation.ValidationResult;
import dev.portcullis.jsonschema.JsonSchemaValidator;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Buffers, parses and validates a ~2 KiB order against a 2020-12 schema, as the validation interceptor does. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class JsonSchemaValidationBenchmark {
    private static final String SCHEMA = "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\","
            + "\"type\":\"object\",\"required\":[\"id\",\"customer\",\"lines\"],\"properties\":{"
            + "\"id\":{\"type\":\"string\",\"pattern\":\"^ord-[0-9]+$\"},"
            + "\"customer\":{\"type\":\"object\",\"required\":[\"name\",\"email\"],\"properties\":{"
            + "\"name\":{\"type\":\"string\",\"maxLength\":100},\"email\":{\"type\":\"string\"}}},"
            + "\"lines\":{\"type\":\"array\",\"maxItems\":100,\"items\":{\"type\":\"object\","
            + "\"required\":[\"sku\",\"quantity\",\"price\"],\"properties\":{\"sku\":{\"type\":\"string\"},"
            + "\"quantity\":{\"type\":\"integer\",\"minimum\":1},\"price\":{\"type\":\"number\",\"minimum\":0}},"
            + "\"additionalProperties\":false}}}}";

    private JsonSchemaValidator validator;
    private GatewayRequest request;

    @Setup
    public void setUp() throws IOException {
        Path schema = Files.createTempFile("order", ".json");
        Files.writeString(schema, SCHEMA);
        validator = JsonSchemaValidator.builder().schema("orders", schema).build();
        Files.delete(schema);
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            lines.append(i == 0 ? "" : ",").append("{\"sku\":\"SKU-").append(10000 + i)
                    .append("-BLUE-XL\",\"quantity\":").append(i + 1).append(",\"price\":").append(19.99 + i)
                    .append('}');
        }
        byte[] body = ("{\"id\":\"ord-123456\",\"customer\":{\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\"},"
                + "\"lines\":[" + lines + "]}").getBytes(StandardCharsets.UTF_8);
        GatewayRequest plain = GatewayRequest.builder().id("bench").method("POST").authority("gw.test")
                .rawPath("/orders").clientAddress(InetAddress.getLoopbackAddress()).body(Body.of(body)).build();
        request = plain.withAttribute(Routing.MATCH, RouteTable.of(Route.builder("orders").path("/orders/**")
                .upstream("http://127.0.0.1:9001").build()).route(plain).orElseThrow());
        if (!(validator.validate(request).toCompletableFuture().join() instanceof ValidationResult.Valid)) {
            throw new IllegalStateException("benchmark body must be valid");
        }
    }

    /** @return the verdict for the ~1.9 KiB order */
    @Benchmark
    public ValidationResult validateTypical2KiBOrder() {
        return validator.validate(request).toCompletableFuture().join();
    }
}
