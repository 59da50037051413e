package dev.portcullis.servlet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.routing.Route;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class UpstreamFailureTest {
    private static final String CONTAINERS = "dev.portcullis.servlet.it.ServletContainer#all";

    private static void assertProblem(HttpResponse<String> response, int status, String type, String upstreamPort) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
        assertTrue(response.body().contains("\"type\":\"https://portcullis.dev/problems/" + type + "\""),
                response.body());
        assertTrue(response.body().contains("\"requestId\":\""
                + response.headers().firstValue("X-Request-Id").orElseThrow() + "\""), response.body());
        assertFalse(response.body().contains(upstreamPort), "upstream port leaked: " + response.body());
        assertFalse(response.body().contains("127.0.0.1"), "upstream host leaked: " + response.body());
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void connectionRefusedIsA502ProblemWithoutTheUpstreamHost(ServletContainer container) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        try (RunningServer server = container.start(Gateways.routing(Route.builder("down").path("/api/**")
                .upstream("http://127.0.0.1:" + closedPort).build()), new AppServlet())) {
            assertProblem(Http.get(server.uri("/api/x")), 502, "upstream-unavailable", String.valueOf(closedPort));
        }
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aMalformedUpstreamResponseIsA502Problem(ServletContainer container) throws Exception {
        for (String malformed : java.util.List.of("Content-Length: 2, 2", "Content-Length: x",
                "Content-Length: 2\r\nContent-Length: 3", "Content-Length: 2, 3")) {
            try (RawUpstream upstream = RawUpstream.start("HTTP/1.1 200 OK\r\n" + malformed
                    + "\r\nConnection: close\r\n\r\nok");
                 RunningServer server = container.start(Gateways.routing(Route.builder("bad").path("/api/**")
                         .upstream(upstream.baseUri()).build()), new AppServlet())) {
                String port = upstream.baseUri().substring(upstream.baseUri().lastIndexOf(':') + 1);
                assertProblem(Http.get(server.uri("/api/x")), 502, "upstream-unavailable", port);
            }
        }
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aSlowUpstreamIsA504ProblemAfterTheResponseTimeout(ServletContainer container) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (TestUpstream upstream = TestUpstream.start(exchange -> {
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            TestUpstream.reply(exchange, 200, "late");
        });
             RunningServer server = container.start(Gateways.routing(Route.builder("slow").path("/api/**")
                     .upstream(upstream.baseUri()).responseTimeout(Duration.ofMillis(300)).build()), new AppServlet())) {
            String port = upstream.baseUri().substring(upstream.baseUri().lastIndexOf(':') + 1);
            assertProblem(Http.get(server.uri("/api/x")), 504, "upstream-timeout", port);
        } finally {
            release.countDown();
        }
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void upstreamRedirectsArePassedToTheClientNotFollowed(ServletContainer container) throws Exception {
        try (TestUpstream upstream = TestUpstream.start(exchange -> {
            exchange.getResponseHeaders().add("Location", "/elsewhere");
            TestUpstream.reply(exchange, 302, "");
        });
             RunningServer server = container.start(Gateways.routing(Route.builder("r").path("/api/**")
                     .upstream(upstream.baseUri()).build()), new AppServlet())) {
            HttpResponse<String> response = Http.get(server.uri("/api/old"));
            assertEquals(302, response.statusCode());
            assertEquals("/elsewhere", response.headers().firstValue("Location").orElseThrow());
        }
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void upstreamErrorsPassThroughUnchanged(ServletContainer container) throws Exception {
        try (TestUpstream upstream = TestUpstream.start(exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            TestUpstream.reply(exchange, 503, "{\"upstream\":\"down\"}");
        });
             RunningServer server = container.start(Gateways.routing(Route.builder("r").path("/api/**")
                     .upstream(upstream.baseUri()).build()), new AppServlet())) {
            HttpResponse<String> response = Http.get(server.uri("/api/x"));
            assertEquals(503, response.statusCode());
            assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
            assertEquals("{\"upstream\":\"down\"}", response.body());
        }
    }
}
