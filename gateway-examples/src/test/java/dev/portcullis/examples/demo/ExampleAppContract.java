package dev.portcullis.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.examples.custom.TenantInterceptor;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What every example app must do, over real sockets: a subclass says how to start its app on a port; each test
 * gets a fresh app (and so fresh rate-limit buckets) on an ephemeral port of {@code 127.0.0.1}.
 */
public abstract class ExampleAppContract extends RunningAppFixture {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRequestLineTheContainerCannotParseIsAProblemThatEchoesNothing() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", app.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /zzmarker<x> y HTTP/1.1\r\nHost: gw\r\nConnection: close\r\n\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);

            assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
            assertTrue(answer.contains("application/problem+json"), answer);
            assertTrue(!answer.contains("zzmarker") && !answer.contains("org.apache") && !answer.contains("java."), answer);
        }
    }

    @Test
    void aRequestHeadThatStallsAfterItsRequestLineIsCutWithinTheDefaultTenSecondDeadline() throws Exception {
        long cutAfter = millisUntilAStalledHeadIsCut(app.port());
        assertTrue(cutAfter < 11_000, "cut after " + cutAfter + " ms");
    }

    @Test
    void aSlowlorisDrippingAHeaderLineEverySecondIsCutWithinTheDefaultTenSecondDeadline() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", app.port())) {
            socket.setSoTimeout(1_000);
            long start = System.nanoTime();
            socket.getOutputStream().write("GET /hello HTTP/1.1\r\nHost: gw\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            while (!closedWithinOneSecond(socket)) {
                assertTrue(System.nanoTime() - start < 15_000_000_000L, "a dripping request head was not cut in 15 s");
                socket.getOutputStream().write("X-Drip: 1\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            }
            long cutAfter = (System.nanoTime() - start) / 1_000_000;
            assertTrue(cutAfter < 11_000, "cut after " + cutAfter + " ms");
        }
    }

    /** @return whether the server closed or reset the connection within the socket's one-second read timeout */
    private static boolean closedWithinOneSecond(java.net.Socket socket) {
        try {
            return socket.getInputStream().read() < 0;
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    /**
     * Sends a request line and one header, then nothing, and waits (at most 15 s) for the server to close the
     * connection.
     *
     * @param port the server's port on 127.0.0.1
     * @return milliseconds until the server closed or reset the connection
     * @throws IOException if the connection cannot be opened
     * @throws AssertionError if the server keeps the connection open for 15 s
     */
    public static long millisUntilAStalledHeadIsCut(int port) throws IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            long start = System.nanoTime();
            socket.getOutputStream().write("GET /hello HTTP/1.1\r\nHost: gw\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            try {
                socket.getInputStream().readAllBytes();
            } catch (java.net.SocketTimeoutException stillOpen) {
                throw new AssertionError("a stalled request head was not cut within 15 s", stillOpen);
            } catch (IOException reset) {
                // a reset is a cut too
            }
            return (System.nanoTime() - start) / 1_000_000;
        }
    }

    @Test
    void theApplicationServletAnswersBehindTheGateway() throws Exception {
        HttpResponse<String> response = get("/hello", null);

        assertEquals(200, response.statusCode());
        assertEquals("hello from the app\nprincipal: anonymous\n", response.body());
        assertTrue(response.headers().firstValue("X-Request-Id").isPresent(), "request id echoed");
    }

    @Test
    void theApiRouteReachesTheDemoUpstreamWithItsPrefixStripped() throws Exception {
        HttpResponse<String> response = get("/api/orders?page=2", "ACME");

        assertEquals(200, response.statusCode(), response.body());
        JsonNode seen = JSON.readTree(response.body());
        assertEquals("demo-upstream", seen.path("service").asText());
        assertEquals("/orders", seen.path("path").asText());
        assertEquals("page=2", seen.path("query").asText());
        assertEquals("acme", seen.path("tenant").asText(), "the tenant header arrives in canonical form");
        assertEquals(response.headers().firstValue("X-Request-Id").orElseThrow(), seen.path("requestId").asText());
    }

    @Test
    void anUnknownTenantIsRejectedAsProblemJson() throws Exception {
        HttpResponse<String> response = get("/api/orders", "initech");

        assertEquals(403, response.statusCode());
        assertEquals("application/problem+json", mediaType(response));
        JsonNode problem = JSON.readTree(response.body());
        assertEquals(TenantInterceptor.UNKNOWN_TENANT, problem.path("type").asText());
        assertEquals(403, problem.path("status").asInt());
        assertEquals(response.headers().firstValue("X-Request-Id").orElseThrow(), problem.path("requestId").asText());
    }

    @Test
    void theSecureRouteWithoutATokenIsAnswered401WithABearerChallenge() throws Exception {
        HttpResponse<String> response = get("/secure/orders", "acme");

        assertEquals(401, response.statusCode());
        assertEquals("application/problem+json", mediaType(response));
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"),
                "Bearer challenge");
    }

    @Test
    void theSecureRouteWithTheDemoTokenReachesTheUpstreamAsItsSubject() throws Exception {
        String token = DemoIssuer.shared().token("alice", DemoGateway.SECURE_SCOPE, Duration.ofMinutes(5));
        HttpRequest request = HttpRequest.newBuilder(app.uri("/secure/orders")).timeout(Duration.ofSeconds(10))
                .header("X-Tenant", "acme").header("Authorization", "Bearer " + token).build();

        HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), response.body());
        JsonNode seen = JSON.readTree(response.body());
        assertEquals("/orders", seen.path("path").asText());
        assertEquals("alice", seen.path("user").asText());
    }

    @Test
    void aTokenWithoutTheRequiredScopeIsAnswered403() throws Exception {
        String token = DemoIssuer.shared().token("mallory", "profile", Duration.ofMinutes(5));
        HttpRequest request = HttpRequest.newBuilder(app.uri("/secure/orders")).timeout(Duration.ofSeconds(10))
                .header("X-Tenant", "acme").header("Authorization", "Bearer " + token).build();

        HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());

        assertEquals(403, response.statusCode());
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").contains("insufficient_scope"));
    }

    @Test
    void aBurstOverThePerIpLimitIsAnswered429WithRetryAfter() throws Exception {
        for (int i = 0; i < DemoGateway.REQUESTS_PER_WINDOW; i++) {
            assertEquals(200, get("/hello", null).statusCode(), "request " + (i + 1) + " is within the limit");
        }

        HttpResponse<String> limited = get("/hello", null);

        assertEquals(429, limited.statusCode());
        assertEquals("application/problem+json", mediaType(limited));
        assertEquals("https://portcullis.dev/problems/rate-limited", JSON.readTree(limited.body()).path("type").asText());
        assertTrue(limited.headers().firstValue("Retry-After").isPresent(), "Retry-After present");
    }

    private HttpResponse<String> get(String pathAndQuery, String tenant) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(app.uri(pathAndQuery)).timeout(Duration.ofSeconds(10));
        if (tenant != null) {
            request.header("X-Tenant", tenant);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String mediaType(HttpResponse<String> response) {
        return response.headers().firstValue("Content-Type").orElse("").split(";")[0].strip();
    }
}
