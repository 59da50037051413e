package dev.portcullis.examples.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.portcullis.examples.demo.ExampleAppContract;
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
            long cutAfter = ExampleAppContract.millisUntilAStalledHeadIsCut(server.port());
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
            StandaloneGateway.describe(options, server.port(), new PrintStream(printed, true, StandardCharsets.UTF_8));
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
                StandaloneGateway.describe(options, server.port(), new PrintStream(printed, true, StandardCharsets.UTF_8));
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
