package dev.portcullis.servlet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.portcullis.api.routing.Route;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The framing the upstream sees for requests that had no body, on the wire of a raw upstream. */
class RequestFramingTest {
    private static final String CONTAINERS = "dev.portcullis.servlet.it.ServletContainer#all";

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aBodylessGetReachesTheUpstreamWithoutAnyFramingHeader(ServletContainer container) throws Exception {
        assumeTrue(Runtime.version().feature() >= 19,
                "Java 17 and 18's HTTP client sends Content-Length: 0 on every request (JDK-8283544)");
        try (RawUpstream upstream = RawUpstream.start("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
             RunningServer server = container.start(Gateways.routing(
                     Route.builder("api").path("/api/**").upstream(upstream.baseUri()).build()), new AppServlet())) {
            for (String method : List.of("GET", "HEAD", "DELETE", "OPTIONS")) {
                RawHttp.exchange(server.port(), method + " /api/x HTTP/1.1\r\nHost: gw\r\nConnection: close\r\n\r\n");
                RawUpstream.Received received = upstream.next();
                assertEquals(List.of(), received.header("Content-Length"), method);
                assertEquals(List.of(), received.header("Transfer-Encoding"), method);
            }
        }
    }
}
