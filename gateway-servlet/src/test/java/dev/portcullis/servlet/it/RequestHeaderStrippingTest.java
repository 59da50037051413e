package dev.portcullis.servlet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.routing.Route;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RequestHeaderStrippingTest {
    private static final String CONTAINERS = "dev.portcullis.servlet.it.ServletContainer#all";
    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    private static RawUpstream.Received forward(ServletContainer container, boolean allowUnderscores,
                                                String headerLines) throws Exception {
        try (RawUpstream upstream = RawUpstream.start(OK);
             RunningServer server = container.start(Gateways.builder(
                     Route.builder("api").path("/api/**").upstream(upstream.baseUri()).build())
                     .allowUnderscoreHeaders(allowUnderscores).build(), new AppServlet())) {
            RawHttp.Response response = RawHttp.exchange(server.port(),
                    "GET /api/x HTTP/1.1\r\nHost: gw\r\n" + headerLines + "Connection: close\r\n\r\n");
            assertEquals(200, response.status(), response.headers() + response.text());
            return upstream.next();
        }
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void headerNamesWithAnUnderscoreDoNotReachTheUpstreamByDefault(ServletContainer container) throws Exception {
        RawUpstream.Received received = forward(container, false,
                "X_Forwarded_For: 6.6.6.6\r\nX_Real_IP: 6.6.6.6\r\nX_User_Sub: admin\r\nX-Kept: yes\r\n");
        assertTrue(received.header("X_Forwarded_For").isEmpty(), received.headers().toString());
        assertTrue(received.header("X_Real_IP").isEmpty(), received.headers().toString());
        assertTrue(received.header("X_User_Sub").isEmpty(), received.headers().toString());
        assertEquals(List.of("yes"), received.header("X-Kept"));
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void withAllowUnderscoreHeadersAnUnderscoreHeaderIsForwarded(ServletContainer container) throws Exception {
        assertEquals(List.of("blue"), forward(container, true, "X_Tenant: blue\r\n").header("X_Tenant"));
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void theProxyRequestHeaderIsNotForwarded(ServletContainer container) throws Exception {
        RawUpstream.Received received = forward(container, false, "Proxy: http://attacker.example:8080\r\n");
        assertTrue(received.header("Proxy").isEmpty(), received.headers().toString());
    }
}
