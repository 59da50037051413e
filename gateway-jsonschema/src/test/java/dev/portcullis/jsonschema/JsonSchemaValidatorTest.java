package dev.portcullis.jsonschema;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.portcullis.api.Body;
import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.Pipeline;
import dev.portcullis.api.Problem;
import dev.portcullis.api.ProblemTypes;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.api.validation.BodyLimits;
import dev.portcullis.api.validation.Validation;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonSchemaValidatorTest {
    private static final Path SCHEMAS = Path.of("src/test/resources/schemas");
    private static final String VALID = "{\"id\":\"ord-1\",\"quantity\":2,\"shipTo\":{\"city\":\"Oslo\"}}";

    private final AtomicReference<byte[]> upstreamBody = new AtomicReference<>();
    private final Pipeline pipeline = Pipeline.builder()
            .add(Routing.interceptor(RouteTable.of(Route.builder("orders").path("/orders/**")
                    .upstream("http://127.0.0.1:9001").build(), Route.builder("nested").path("/nested/**")
                    .upstream("http://127.0.0.1:9001").build())))
            .add(Validation.interceptor(JsonSchemaValidator.builder()
                    .schema("orders", SCHEMAS.resolve("order.json"))
                    .schema("nested", SCHEMAS.resolve("nested.json"))
                    .referencedSchema("https://schemas.example.com/address.json", SCHEMAS.resolve("address.json"))
                    .maxBodyBytes(4096)
                    .build()))
            .build();

    @Test
    void aValidBodyIsForwardedByteForByte() {
        String body = "{ \"id\": \"ord-1\",\n \"quantity\": 2, \"shipTo\": {\"city\": \"Oslo\"} }";
        assertEquals(200, post(body).status());
        assertArrayEquals(body.getBytes(StandardCharsets.UTF_8), upstreamBody.get());
    }

    @Test
    void everySchemaViolationIsListedWithItsPointerIn422() {
        Problem problem = post("{\"id\":\"x\",\"quantity\":0,\"shipTo\":{\"city\":\"\"},\"extra\":1}")
                .problem().orElseThrow();
        assertEquals(422, problem.status());
        assertEquals(ProblemTypes.VALIDATION_FAILED, problem.type());
        List<?> violations = (List<?>) problem.extensions().get("violations");
        List<String> pointers = violations.stream().map(v -> (String) ((Map<?, ?>) v).get("pointer")).toList();
        assertEquals(List.of("/", "/id", "/quantity", "/shipTo/city"), pointers);
        assertTrue(violations.stream().allMatch(v -> !((String) ((Map<?, ?>) v).get("message")).isBlank()));
        assertNull(upstreamBody.get());
    }

    @Test
    void malformedJsonIsA400InvalidJsonProblem() {
        Problem problem = post("{\"id\": \"ord-1\",").problem().orElseThrow();
        assertEquals(400, problem.status());
        assertEquals(ProblemTypes.INVALID_JSON, problem.type());
        assertEquals(ProblemTypes.INVALID_JSON,
                post(VALID.substring(0, VALID.length() - 1) + ",\"id\":\"ord-2\"}").problem().orElseThrow().type(),
                "a duplicate key is malformed, so gateway and upstream cannot read different documents");
    }

    @Test
    void aBodyOverTheValidationCapIsA413WithoutBuffering() {
        Problem problem = post("{\"note\":\"" + "x".repeat(5000) + "\"}").problem().orElseThrow();
        assertEquals(413, problem.status());
    }

    @Test
    void aBodylessGetOnTheRouteIsNotRead() {
        GatewayRequest get = request("GET").body(new Body() {
            @Override
            public long contentLength() {
                return 0;
            }

            @Override
            public void subscribe(java.util.concurrent.Flow.Subscriber<? super java.nio.ByteBuffer> s) {
                throw new AssertionError("a GET body must not be read");
            }
        }).build();
        GatewayResponse response = pipeline.execute(get,
                r -> CompletableFuture.completedFuture(GatewayResponse.builder(204).build())).toCompletableFuture().join();
        assertEquals(204, response.status());
    }

    @Test
    void aDeleteCarryingAJsonBodyIsValidatedToo() {
        GatewayResponse response = pipeline.execute(request("DELETE").body(Body.of("{\"id\":\"x\"}")).build(),
                r -> CompletableFuture.completedFuture(GatewayResponse.builder(204).build())).toCompletableFuture().join();

        assertEquals(422, response.problem().orElseThrow().status());
    }

    @Test
    void aGetWhoseChunkedBodyTurnsOutEmptyPassesWithoutADocument() {
        GatewayRequest get = request("GET").body(new ChunkedEmptyBody()).build();

        GatewayResponse response = pipeline.execute(get,
                r -> CompletableFuture.completedFuture(GatewayResponse.builder(204).build())).toCompletableFuture().join();

        assertEquals(204, response.status());
    }

    /** A body of unknown length that ends at once. */
    private static final class ChunkedEmptyBody implements Body {
        @Override
        public long contentLength() {
            return -1;
        }

        @Override
        public void subscribe(java.util.concurrent.Flow.Subscriber<? super java.nio.ByteBuffer> s) {
            Body.empty().subscribe(s);
        }
    }

    @Test
    void aSchemaThatIsNotJsonFailsTheBuildNamingFileLineAndColumn() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> JsonSchemaValidator
                .builder().schema("a", SCHEMAS.resolve("broken.json")).build());
        assertTrue(error.getMessage().contains("broken.json"), error.getMessage());
        assertTrue(error.getMessage().contains("line 4"), error.getMessage());
    }

    @Test
    void aSchemaBreakingTheMetaSchemaFailsTheBuildNamingTheLocation() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> JsonSchemaValidator
                .builder().schema("a", SCHEMAS.resolve("wrongtype.json")).build());
        assertTrue(error.getMessage().contains("wrongtype.json"), error.getMessage());
        assertTrue(error.getMessage().contains("/properties/age/type"), error.getMessage());
    }

    @Test
    void aRemoteRefIsNeverFetchedAndFailsTheBuild(@TempDir Path dir) throws Exception {
        AtomicInteger hits = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            hits.incrementAndGet();
            byte[] schema = "{\"type\":\"string\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, schema.length);
            exchange.getResponseBody().write(schema);
            exchange.close();
        });
        server.start();
        try {
            Path schema = Files.writeString(dir.resolve("remote.json"), "{\"$ref\":\"http://127.0.0.1:"
                    + server.getAddress().getPort() + "/name.json\"}");
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> JsonSchemaValidator.builder().schema("a", schema).build());
            assertTrue(error.getMessage().contains("remote.json"), error.getMessage());
            assertEquals(0, hits.get(), "the remote schema server was contacted");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aNumberBeyondTheDoubleRangeIsA400InvalidJsonNotA500() {
        for (String number : List.of("1e400", "-1e400", "1" + "0".repeat(400))) {
            Problem problem = postTo("/nested", number).problem().orElseThrow();
            assertEquals(400, problem.status(), number);
            assertEquals(ProblemTypes.INVALID_JSON, problem.type());
        }
        assertEquals(200, postTo("/nested", "[1.5, [2e300, -0.5]]").status());
    }

    @Test
    void nestingDeeperThanTheLimitIsA400InvalidJsonNotAStackOverflow() {
        Problem problem = postTo("/nested", "[".repeat(900) + "2" + "]".repeat(900)).problem().orElseThrow();
        assertEquals(400, problem.status());
        assertEquals(ProblemTypes.INVALID_JSON, problem.type());
        assertTrue(problem.detail().orElseThrow().contains("64"), problem.detail().orElseThrow());
        assertEquals(400, postTo("/nested", "[".repeat(65) + "2" + "]".repeat(65)).status());
        assertEquals(200, postTo("/nested", "[".repeat(64) + "2" + "]".repeat(64)).status());
    }

    @Test
    void aBodyWithAByteOrderMarkOrInUtf16IsA400SoTheUpstreamReadsTheSameDocument() {
        byte[] utf8 = VALID.getBytes(StandardCharsets.UTF_8);
        byte[] bom = new byte[utf8.length + 3];
        bom[0] = (byte) 0xEF;
        bom[1] = (byte) 0xBB;
        bom[2] = (byte) 0xBF;
        System.arraycopy(utf8, 0, bom, 3, utf8.length);
        for (byte[] body : List.of(bom, VALID.getBytes(StandardCharsets.UTF_16LE),
                VALID.getBytes(StandardCharsets.UTF_16BE))) {
            Problem problem = pipeline.execute(request("POST").body(Body.of(body)).build(), r -> CompletableFuture
                    .completedFuture(GatewayResponse.builder(200).build())).toCompletableFuture().join()
                    .problem().orElseThrow();
            assertEquals(400, problem.status());
            assertEquals(ProblemTypes.INVALID_JSON, problem.type());
        }
    }

    @Test
    void aMaxDepthBelowOneFailsTheBuildNamingTheSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JsonSchemaValidator.builder().maxDepth(0));
        assertTrue(e.getMessage().contains("maxDepth"));
    }

    private GatewayResponse post(String json) {
        return postTo("/orders", json);
    }

    private GatewayResponse postTo(String path, String json) {
        return pipeline.execute(request("POST").rawPath(path).body(Body.of(json)).build(), r -> BodyLimits
                .collect(r.body(), 1 << 20).thenApply(bytes -> {
                    upstreamBody.set(bytes);
                    return GatewayResponse.builder(200).build();
                })).toCompletableFuture().join();
    }

    private static GatewayRequest.Builder request(String method) {
        return GatewayRequest.builder().id("r").method(method).authority("gw.test").rawPath("/orders")
                .clientAddress(InetAddress.getLoopbackAddress());
    }
}
