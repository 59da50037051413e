package dev.portcullis.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.portcullis.servlet.it.TestCertificates;
import dev.portcullis.servlet.it.TestCertificates.ServerCertificate;
import dev.portcullis.servlet.it.TlsUpstream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LauncherServerTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicInteger upstreamCalls = new AtomicInteger();
    private HttpServer upstream;

    @BeforeEach
    void startUpstream() throws Exception {
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        upstream.createContext("/", exchange -> {
            upstreamCalls.incrementAndGet();
            byte[] body = ("upstream saw " + exchange.getRequestURI()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        upstream.start();
    }

    @AfterEach
    void stopUpstream() {
        upstream.stop(0);
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theLauncherCutsARequestHeadThatStallsWithinTheDefaultTenSecondDeadline() throws Exception {
        LauncherOptions options = LauncherOptions.parse("--port", "0",
                "--route", "/api=http://127.0.0.1:" + upstream.getAddress().getPort());
        try (LauncherServer server = LauncherServer.start(options)) {
            long cutAfter = millisUntilAStalledHeadIsCut(server.port());
            assertTrue(cutAfter < 11_000, "cut after " + cutAfter + " ms");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "jetty"})
    void theLauncherProxiesARoutedGetAndAnswersUnroutedPathsWithA404Problem(String client) throws Exception {
        LauncherOptions options = LauncherOptions.parse("--port", "0", "--client", client,
                "--route", "/api=http://127.0.0.1:" + upstream.getAddress().getPort());
        try (LauncherServer server = LauncherServer.start(options)) {
            HttpResponse<String> routed = get(server.port(), "/api/users?id=7");
            assertEquals(200, routed.statusCode());
            assertEquals("upstream saw /api/users?id=7", routed.body());

            HttpResponse<String> unrouted = get(server.port(), "/apiadmin");
            assertEquals(404, unrouted.statusCode());
            assertEquals("application/problem+json", unrouted.headers().firstValue("Content-Type").orElseThrow());
            assertTrue(unrouted.body().contains("\"type\":\"" + NotFoundServlet.TYPE + "\""), unrouted.body());
            assertTrue(unrouted.body().contains("\"requestId\":\""
                    + unrouted.headers().firstValue("X-Request-Id").orElseThrow() + "\""), unrouted.body());

            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            Main.describe(options, server.port(), new PrintStream(printed, true, StandardCharsets.UTF_8));
            assertTrue(printed.toString(StandardCharsets.UTF_8).contains("/api/** -> http://127.0.0.1:"
                    + upstream.getAddress().getPort()), printed.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void withRateLimitTwoPerMinuteTheThirdRequestIsA429ProblemEvenOnAnUnroutedPath() throws Exception {
        LauncherOptions options = LauncherOptions.parse("--port", "0", "--rate-limit", "2/1m",
                "--route", "/api=http://127.0.0.1:" + upstream.getAddress().getPort());
        try (LauncherServer server = LauncherServer.start(options)) {
            HttpResponse<String> first = get(server.port(), "/api/a");
            assertEquals(200, first.statusCode());
            assertEquals("\"per-ip\";q=2;w=60", first.headers().firstValue("RateLimit-Policy").orElseThrow());
            assertEquals(200, get(server.port(), "/api/b").statusCode());

            HttpResponse<String> third = get(server.port(), "/elsewhere");
            assertEquals(429, third.statusCode());
            assertEquals("application/problem+json", third.headers().firstValue("Content-Type").orElseThrow());
            assertTrue(third.body().contains("\"type\":\"https://portcullis.dev/problems/rate-limited\""),
                    third.body());
            assertTrue(third.headers().firstValue("Retry-After").isPresent(), third.headers().toString());
            assertEquals(2, upstreamCalls.get());
        }
    }

    @Test
    void withAnAdminPortTheScrapeAndTheViewAreOnTheirOwnPortAndNotOnTheGatewayPort() throws Exception {
        LauncherOptions options = LauncherOptions.parse("--port", "0", "--admin-port", "0", "--rate-limit", "100/1m",
                "--route", "/api=http://127.0.0.1:" + upstream.getAddress().getPort());
        try (LauncherServer server = LauncherServer.start(options)) {
            int admin = server.adminPort().orElseThrow();
            assertEquals(200, get(server.port(), "/api/users").statusCode());

            String series = "portcullis_requests_seconds_count{method=\"GET\",outcome=\"completed\",route=\"/api\","
                    + "status=\"2xx\"} 1";
            HttpResponse<String> scrape = get(admin, "/metrics");
            for (long deadline = System.nanoTime() + 10_000_000_000L;
                 !scrape.body().contains(series) && System.nanoTime() < deadline; scrape = get(admin, "/metrics")) {
                Thread.sleep(20);
            }
            assertTrue(scrape.body().contains(series), scrape.body());
            assertTrue(scrape.body().contains("portcullis_ratelimit_decisions_total{decision=\"allowed\""),
                    scrape.body());
            assertTrue(get(admin, "/").body().contains("\"path\":\"/api/**\""));
            assertEquals("{\"status\":\"UP\"}", get(admin, "/ready").body());
            assertEquals(404, get(server.port(), "/metrics").statusCode(), "nothing of it on the gateway's port");
        }
    }

    @Test
    void whileTheLauncherDrainsReadinessSaysDownAndTheAdminServerStopsAfterTheGateway() throws Exception {
        java.util.concurrent.CountDownLatch arrived = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        HttpServer holding = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        holding.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        holding.createContext("/", exchange -> {
            arrived.countDown();
            try {
                release.await(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        holding.start();
        LauncherServer server = LauncherServer.start(LauncherOptions.parse("--port", "0", "--admin-port", "0",
                "--drain-timeout", "20s", "--route", "/api=http://127.0.0.1:" + holding.getAddress().getPort()));
        int admin = server.adminPort().orElseThrow();
        try {
            java.util.concurrent.CompletableFuture<HttpResponse<String>> held = http.sendAsync(HttpRequest
                    .newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/held")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(arrived.await(10, java.util.concurrent.TimeUnit.SECONDS));
            java.util.concurrent.CompletableFuture<Void> stopping = java.util.concurrent.CompletableFuture.runAsync(
                    () -> closeQuietly(server));

            HttpResponse<String> ready = get(admin, "/ready");
            for (long deadline = System.nanoTime() + 10_000_000_000L;
                 ready.statusCode() == 200 && System.nanoTime() < deadline; ready = get(admin, "/ready")) {
                Thread.sleep(20);
            }
            assertEquals(503, ready.statusCode(), "draining: not ready");
            assertEquals(200, get(admin, "/live").statusCode());
            release.countDown();
            assertEquals(204, held.get(10, java.util.concurrent.TimeUnit.SECONDS).statusCode());
            stopping.get(20, java.util.concurrent.TimeUnit.SECONDS);
            assertThrows(java.net.ConnectException.class, () -> get(admin, "/live"), "stopped with the gateway");
        } finally {
            release.countDown();
            closeQuietly(server);
            holding.stop(0);
            ((java.util.concurrent.ExecutorService) holding.getExecutor()).shutdownNow();
        }
    }

    /** @return how long the launcher took to cut a connection whose request head stopped half-way */
    private static long millisUntilAStalledHeadIsCut(int port) throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            long start = System.nanoTime();
            socket.getOutputStream().write("GET /api HTTP/1.1\r\nHost: gw\r\n".getBytes(StandardCharsets.ISO_8859_1));
            try {
                socket.getInputStream().readAllBytes();
            } catch (java.net.SocketTimeoutException stillOpen) {
                throw new AssertionError("a stalled request head was not cut within 15 s", stillOpen);
            } catch (java.io.IOException reset) {
                // a reset is a cut too
            }
            return (System.nanoTime() - start) / 1_000_000;
        }
    }

    private static void closeQuietly(LauncherServer server) {
        try {
            server.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void withoutAnAdminPortThereIsNoAdminServer() throws Exception {
        LauncherOptions options = LauncherOptions.parse("--port", "0",
                "--route", "/api=http://127.0.0.1:" + upstream.getAddress().getPort());
        try (LauncherServer server = LauncherServer.start(options)) {
            assertTrue(server.adminPort().isEmpty());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"300.0.0.0/8", "not-a-cidr"})
    void aMalformedTrustedProxyIsAUsageErrorNamingTheOption(String cidr) throws Exception {
        LauncherOptions options = LauncherOptions.parse("--port", "0", "--trusted-proxy", cidr,
                "--route", "/=http://127.0.0.1:1");
        UsageException failure = assertThrows(UsageException.class, () -> LauncherServer.start(options));
        assertTrue(failure.getMessage().startsWith("--trusted-proxy:"), failure.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "jetty"})
    void anHttpsRouteTrustsTheGivenStoreAndPresentsTheGivenClientCertificate(String client) throws Exception {
        TestCertificates certificates = TestCertificates.get();
        try (TlsUpstream tlsUpstream = TlsUpstream.start(certificates.server(ServerCertificate.TRUSTED), true)) {
            LauncherOptions options = LauncherOptions.parse("--port", "0", "--client", client,
                    "--route", "/api=" + tlsUpstream.baseUri(),
                    "--upstream-trust-store", certificates.caPem().toString(),
                    "--upstream-client-cert", certificates.clientChainPem().toString(),
                    "--upstream-client-key", certificates.clientKeyPem().toString());
            try (LauncherServer server = LauncherServer.start(options)) {
                HttpResponse<String> response = get(server.port(), "/api/x");
                assertEquals(200, response.statusCode(), response.body());
                assertEquals(TlsUpstream.BODY, response.body());
                assertEquals(List.of(TestCertificates.clientSubject()), tlsUpstream.clientSubjects());
                ByteArrayOutputStream printed = new ByteArrayOutputStream();
                Main.describe(options, server.port(), new PrintStream(printed, true, StandardCharsets.UTF_8));
                assertTrue(printed.toString(StandardCharsets.UTF_8).contains("  upstream TLS: trust store "
                        + certificates.caPem() + ", client certificate " + certificates.clientChainPem()),
                        printed.toString(StandardCharsets.UTF_8));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "jetty"})
    void withoutATrustStoreAnHttpsUpstreamOfAPrivateCaIsA502Problem(String client) throws Exception {
        try (TlsUpstream tlsUpstream = TlsUpstream.start(TestCertificates.get().server(ServerCertificate.TRUSTED), false);
             LauncherServer server = LauncherServer.start(LauncherOptions.parse("--port", "0", "--client", client,
                     "--route", "/api=" + tlsUpstream.baseUri()))) {
            HttpResponse<String> response = get(server.port(), "/api/x");
            assertEquals(502, response.statusCode(), response.body());
            assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
            assertEquals(List.of(), tlsUpstream.serverNames());
        }
    }

    @Test
    void aMissingTrustStoreStopsTheStartWithAUsageErrorNamingTheOptionAndTheFile() throws Exception {
        LauncherOptions options = LauncherOptions.parse("--port", "0", "--route", "/=https://localhost:1",
                "--upstream-trust-store", "/nonexistent/ca.pem");
        UsageException failure = assertThrows(UsageException.class, () -> LauncherServer.start(options));
        assertEquals("--upstream-trust-store: /nonexistent/ca.pem: no such file", failure.getMessage());
    }
}
