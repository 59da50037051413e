package dev.portcullis.core.guard;

import static dev.portcullis.core.testing.TestRequests.headers;
import static dev.portcullis.core.testing.TestRequests.request;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.Body;
import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.Pipeline;
import dev.portcullis.api.Problem;
import dev.portcullis.api.ProblemException;
import dev.portcullis.api.ProblemTypes;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.core.testing.RecordingUpstream;
import dev.portcullis.core.testing.TestRequests;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class RequestGuardsTest {
    private static final GuardPolicy ORDERS = GuardPolicy.builder()
            .maxBodyBytes(1000)
            .allowedMethods("GET", "post")
            .allowedContentTypes("application/json", "application/*+json")
            .requireHeader("X-Tenant", ValueCheck.pattern("[a-z]+"))
            .requireQueryParam("version", ValueCheck.integer())
            .build();
    private static final Pipeline PIPELINE = Pipeline.builder()
            .add(Routing.interceptor(RouteTable.of(Route.builder("orders").path("/orders/**")
                    .upstream("http://127.0.0.1:9001").metadata(RequestGuards.POLICY, ORDERS).build())))
            .add(RequestGuards.interceptor(GuardPolicy.builder().maxUriLength(40).maxHeaderBytes(200).build()))
            .build();

    private final RecordingUpstream upstream = new RecordingUpstream();

    @Test
    void aRequestWithinThePolicyReachesTheUpstreamWithItsBodyUnchanged() {
        GatewayResponse response = execute(valid().body(Body.of("{\"a\":1}")).build());
        assertEquals(200, response.status());
        assertArrayEquals("{\"a\":1}".getBytes(), upstream.receivedBody());
    }

    @Test
    void aDeclaredLengthOverTheRouteCapIsAnswered413() {
        Problem problem = problemOf(valid().headers(headersWith("Content-Length", "5000")).build());
        assertEquals(413, problem.status());
        assertEquals(ProblemTypes.PAYLOAD_TOO_LARGE, problem.type());
        assertNull(upstream.received());
    }

    @Test
    void aMalformedOrConflictingContentLengthIsA400BadRequestNotAGuess() {
        for (String[] lengths : List.of(new String[] {"+5"}, new String[] {"-1"}, new String[] {"abc"},
                new String[] {"5", "5000"}, new String[] {"5, 7"}, new String[] {"99999999999999999999"})) {
            dev.portcullis.api.HttpHeaders.Builder headers = headersWith().toBuilder();
            for (String length : lengths) {
                headers.add("Content-Length", length);
            }
            Problem problem = problemOf(valid().headers(headers.build()).build());
            assertEquals(400, problem.status(), String.join(" | ", lengths));
            assertEquals(ProblemTypes.BAD_REQUEST, problem.type());
        }
        assertNull(upstream.received());
    }

    @Test
    void repeatedIdenticalContentLengthsAreOneLength() {
        GatewayRequest request = valid().headers(headersWith("Content-Length", "7", "Content-Length", "7, 7"))
                .body(Body.of("{\"a\":1}")).build();
        assertEquals(200, execute(request).status());
    }

    @Test
    void expectContinueWithAnOversizedLengthIsAnsweredWithoutReadingTheBody() {
        TestRequests.Streamed body = new TestRequests.Streamed(10, new byte[1000]);
        Problem problem = problemOf(valid()
                .headers(headersWith("Content-Length", "10000", "Expect", "100-continue")).body(body).build());
        assertEquals(413, problem.status());
        assertFalse(body.subscribed.get(), "the body was never asked for");
    }

    @Test
    void aChunkedBodyGrowingPastTheCapFailsWith413MidStreamAndIsCancelled() {
        TestRequests.Streamed body = new TestRequests.Streamed(100, new byte[300]);
        GatewayRequest chunked = valid().headers(headersWith("Transfer-Encoding", "chunked")).body(body).build();
        CompletionException error = assertThrows(CompletionException.class,
                () -> PIPELINE.execute(chunked, upstream).toCompletableFuture().join());
        assertEquals(413, assertInstanceOf(ProblemException.class, error.getCause()).problem().status());
        assertTrue(body.cancelled.get());
        assertEquals(4, body.chunksSent.get(), "reading stopped at the first chunk past 1000 bytes");
        assertNull(upstream.receivedBody());
    }

    @Test
    void aBodyOfUnknownLengthIsCappedEvenWithoutATransferEncodingHeader() {
        TestRequests.Streamed body = new TestRequests.Streamed(100, new byte[300]);
        GatewayRequest chunked = valid().headers(headersWith()).body(body).build();
        CompletionException error = assertThrows(CompletionException.class,
                () -> PIPELINE.execute(chunked, upstream).toCompletableFuture().join());
        assertEquals(413, assertInstanceOf(ProblemException.class, error.getCause()).problem().status());
        assertTrue(body.cancelled.get());
    }

    @Test
    void aBodyOfUnknownLengthWithoutContentTypeIsAnswered415() {
        TestRequests.Streamed body = new TestRequests.Streamed(1, new byte[3]);
        Problem problem = problemOf(valid().headers(headers("X-Tenant", "acme")).body(body).build());
        assertEquals(415, problem.status());
        assertFalse(body.subscribed.get());
    }

    @Test
    void aMethodTheRouteDoesNotAllowIsAnswered405WithAllow() {
        GatewayResponse response = execute(valid().method("DELETE").build());
        assertEquals(405, response.status());
        assertEquals(ProblemTypes.METHOD_NOT_ALLOWED, response.problem().orElseThrow().type());
        assertEquals("GET, POST", response.headers().first("Allow").orElseThrow());
    }

    @Test
    void aBodyOfAnotherContentTypeIsAnswered415() {
        Problem problem = problemOf(valid().headers(headers("X-Tenant", "acme", "Content-Length", "3",
                "Content-Type", "text/plain")).body(Body.of("abc")).build());
        assertEquals(ProblemTypes.UNSUPPORTED_MEDIA_TYPE, problem.type());
        assertEquals(415, problem.status());
    }

    @Test
    void aSuffixRangeAcceptsAVendorJsonType() {
        GatewayResponse response = execute(valid().headers(headers("X-Tenant", "acme", "Content-Length", "2",
                "Content-Type", "application/vnd.acme+json; charset=utf-8")).body(Body.of("{}")).build());
        assertEquals(200, response.status());
    }

    @Test
    void aLongUriIsAnswered414() {
        Problem problem = problemOf(request("GET", "/other/" + "x".repeat(50)).build());
        assertEquals(ProblemTypes.URI_TOO_LONG, problem.type());
        assertEquals(414, problem.status());
    }

    @Test
    void largeHeadersAreAnswered431() {
        Problem problem = problemOf(request("GET", "/other").headers(headers("Cookie", "c".repeat(300))).build());
        assertEquals(ProblemTypes.HEADERS_TOO_LARGE, problem.type());
        assertEquals(431, problem.status());
    }

    @Test
    void missingAndMalformedRequiredValuesAreListedAsViolations() {
        Problem problem = problemOf(request("GET", "/orders/7?version=two").build());
        assertEquals(400, problem.status());
        assertEquals(ProblemTypes.VALIDATION_FAILED, problem.type());
        assertEquals(List.of(Map.of("pointer", "/headers/X-Tenant", "message", "is required"),
                Map.of("pointer", "/query/version", "message", "must be an integer")),
                problem.extensions().get("violations"));
    }

    @Test
    void aBadSettingFailsAtBuildNamingIt() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> GuardPolicy.builder().maxBodyBytes(-1).build());
        assertTrue(error.getMessage().contains("maxBodyBytes"));
        assertThrows(IllegalArgumentException.class, () -> GuardPolicy.builder().allowedContentTypes("json"));
    }

    private static GatewayRequest.Builder valid() {
        return request("POST", "/orders/7?version=2").headers(headersWith());
    }

    private static dev.portcullis.api.HttpHeaders headersWith(String... more) {
        dev.portcullis.api.HttpHeaders.Builder builder = headers("X-Tenant", "acme", "Content-Type",
                "application/json").toBuilder();
        for (int i = 0; i < more.length; i += 2) {
            builder.add(more[i], more[i + 1]);
        }
        return builder.build();
    }

    private GatewayResponse execute(GatewayRequest request) {
        return PIPELINE.execute(request, upstream).toCompletableFuture().join();
    }

    private Problem problemOf(GatewayRequest request) {
        return execute(request).problem().orElseThrow();
    }
}
