package dev.portcullis.servlet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.routing.Route;
import dev.portcullis.servlet.GatewayFilter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MethodRefusalTest {
    private static final String CONTAINERS = "dev.portcullis.servlet.it.ServletContainer#all";
    private static final String UPSTREAM_RESPONSE = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    private static GatewayFilter.Builder gateway(RawUpstream upstream) {
        return Gateways.builder(Route.builder("api").path("/api/**").upstream(upstream.baseUri()).build());
    }

    private static RawHttp.Response send(RunningServer server, String method) throws Exception {
        return RawHttp.exchange(server.port(), method + " /api/x HTTP/1.1\r\nHost: gw\r\nConnection: close\r\n\r\n");
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aTraceRequestIsRefusedWith405ProblemByDefault(ServletContainer container) throws Exception {
        try (RawUpstream upstream = RawUpstream.start(UPSTREAM_RESPONSE);
             RunningServer server = container.start(gateway(upstream).build(), new AppServlet())) {
            RawHttp.Response response = send(server, "TRACE");
            assertEquals(405, response.status(), response.headers() + response.text());
            assertTrue(response.header("Content-Type").get(0).startsWith("application/problem+json"));
            assertTrue(response.text().contains("method-not-allowed"), response.text());
        }
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void withAllowTraceATraceRequestIsForwarded(ServletContainer container) throws Exception {
        try (RawUpstream upstream = RawUpstream.start(UPSTREAM_RESPONSE);
             RunningServer server = container.start(gateway(upstream).allowTrace(true).build(), new AppServlet())) {
            RawHttp.Response response = send(server, "TRACE");
            assertEquals(200, response.status(), response.headers() + response.text());
            assertTrue(upstream.next().requestLine().startsWith("TRACE /api/x "));
        }
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aMethodLongerThan32CharactersIsRefusedWith400ProblemWithoutEchoingIt(ServletContainer container)
            throws Exception {
        String method = "LONGMETHOD".repeat(4);
        try (RawUpstream upstream = RawUpstream.start(UPSTREAM_RESPONSE);
             RunningServer server = container.start(gateway(upstream).build(), new AppServlet())) {
            RawHttp.Response response = send(server, method);
            assertEquals(400, response.status(), response.headers() + response.text());
            assertTrue(response.header("Content-Type").get(0).startsWith("application/problem+json"));
            assertFalse(response.text().contains(method), response.text());
        }
    }
}
