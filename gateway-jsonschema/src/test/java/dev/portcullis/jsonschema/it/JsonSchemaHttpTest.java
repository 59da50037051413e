package dev.portcullis.jsonschema.it;

import static dev.portcullis.servlet.it.validation.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.api.Pipeline;
import dev.portcullis.api.ProblemTypes;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.api.validation.Validation;
import dev.portcullis.jsonschema.JsonSchemaValidator;
import dev.portcullis.servlet.GatewayFilter;
import dev.portcullis.servlet.it.Http;
import dev.portcullis.servlet.it.RawHttp;
import dev.portcullis.servlet.it.RunningServer;
import dev.portcullis.servlet.it.ServletContainer;
import dev.portcullis.servlet.it.validation.GatewayFixture;
import dev.portcullis.servlet.it.validation.Upstream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** JSON Schema validation through the real filter in Jetty 12 and Tomcat 11, with a real upstream. */
class JsonSchemaHttpTest {
    private static final String CONTAINERS = "dev.portcullis.servlet.it.ServletContainer#all";
    private static final Path SCHEMAS = Path.of("src/test/resources/schemas");
    @RegisterExtension
    static final GatewayFixture GATEWAY = new GatewayFixture(JsonSchemaHttpTest::gateway);

    private static GatewayFilter gateway(Upstream upstream) {
        JsonSchemaValidator schemas = JsonSchemaValidator.builder()
                .schema("orders", SCHEMAS.resolve("order.json"))
                .referencedSchema("https://schemas.example.com/address.json", SCHEMAS.resolve("address.json"))
                .maxBodyBytes(4096)
                .build();
        return GatewayFilter.builder().pipeline(Pipeline.builder()
                .add(Routing.interceptor(RouteTable.of(
                        Route.builder("orders").path("/orders/**").upstream(upstream.baseUri()).build())))
                .add(Validation.interceptor(schemas))
                .build()).build();
    }

    private static HttpResponse<String> post(RunningServer server, String json) throws Exception {
        return Http.send(HttpRequest.newBuilder(server.uri("/orders"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build());
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aValidBodyArrivesUpstreamByteForByte(ServletContainer container) throws Exception {
        String json = "{ \"id\" : \"ord-1\",\n\t\"quantity\":2 ,\"note\":\"caf\u00e9 \\u00e9 \\\"q\\\" 1.0E2\","
                + "\"shipTo\":{\"city\":\"Z\u00fcrich\"} }\n";
        HttpResponse<String> response = post(GATEWAY.on(container), json);
        assertEquals(200, response.statusCode(), response.body());
        assertArrayEquals(json.getBytes(StandardCharsets.UTF_8), GATEWAY.upstream().next().body());
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aValidChunkedBodyArrivesUpstreamByteForByte(ServletContainer container) throws Exception {
        String first = "{\"id\":\"ord-2\",";
        String second = "\"quantity\":1,\"shipTo\":{\"city\":\"Oslo\"}}";
        RawHttp.Response response = RawHttp.exchange(GATEWAY.on(container).port(), "POST /orders HTTP/1.1\r\n"
                + "Host: gw\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                + "Connection: close\r\n\r\n"
                + Integer.toHexString(first.length()) + "\r\n" + first + "\r\n"
                + Integer.toHexString(second.length()) + "\r\n" + second + "\r\n0\r\n\r\n");
        assertEquals(200, response.status(), response.text());
        assertEquals(first + second, new String(GATEWAY.upstream().next().body(), StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void malformedJsonIsA400AndTheUpstreamIsNeverCalled(ServletContainer container) throws Exception {
        assertProblem(post(GATEWAY.on(container), "{\"id\": \"ord-1\","), 400, ProblemTypes.INVALID_JSON);
        assertFalse(GATEWAY.upstream().received(), "the upstream was called");
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aDuplicateKeyIsMalformedJson(ServletContainer container) throws Exception {
        assertProblem(post(GATEWAY.on(container), "{\"id\":\"ord-1\",\"quantity\":1,\"quantity\":-5,"
                + "\"shipTo\":{\"city\":\"Oslo\"}}"), 400, ProblemTypes.INVALID_JSON);
        assertFalse(GATEWAY.upstream().received(), "the upstream was called");
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aBodyWithSeveralViolationsIsA422ListingEachPointerAndMessage(ServletContainer container) throws Exception {
        JsonNode problem = assertProblem(post(GATEWAY.on(container),
                "{\"id\":\"x\",\"quantity\":0,\"shipTo\":{\"city\":\"\"},\"extra\":1}"),
                422, ProblemTypes.VALIDATION_FAILED);
        List<String> pointers = new ArrayList<>();
        for (JsonNode violation : problem.path("violations")) {
            pointers.add(violation.path("pointer").asText());
            assertFalse(violation.path("message").asText().isBlank(), violation.toString());
        }
        assertEquals(List.of("/", "/id", "/quantity", "/shipTo/city"), pointers);
        assertFalse(GATEWAY.upstream().received(), "the upstream was called");
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aBodyOverTheValidatorsCapIsA413(ServletContainer container) throws Exception {
        String json = "{\"id\":\"ord-1\",\"quantity\":1,\"note\":\"" + "n".repeat(5000)
                + "\",\"shipTo\":{\"city\":\"Oslo\"}}";
        assertProblem(post(GATEWAY.on(container), json), 413, ProblemTypes.PAYLOAD_TOO_LARGE);
        assertFalse(GATEWAY.upstream().received(), "the upstream was called");
    }
}
