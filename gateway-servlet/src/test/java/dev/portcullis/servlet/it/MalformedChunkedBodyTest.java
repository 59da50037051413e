package dev.portcullis.servlet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.routing.Route;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MalformedChunkedBodyTest {
    private static final String CONTAINERS = "dev.portcullis.servlet.it.ServletContainer#all";

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aBadChunkSizeLineIsA400ProblemNotAnUpstreamFailure(ServletContainer container) throws Exception {
        try (RawUpstream upstream = RawUpstream.start("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
             RunningServer server = container.start(Gateways.routing(
                     Route.builder("api").path("/api/**").upstream(upstream.baseUri()).build()), new AppServlet())) {
            RawHttp.Response response = RawHttp.exchange(server.port(), "POST /api/x HTTP/1.1\r\nHost: gw\r\n"
                    + "Content-Type: text/plain\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                    + "3\r\nabc\r\nZZ-not-hex\r\nmore\r\n0\r\n\r\n");
            assertEquals(400, response.status(), response.headers() + response.text());
            assertTrue(response.header("Content-Type").get(0).startsWith("application/problem+json"),
                    response.headers() + response.text());
            assertTrue(response.text().contains("bad-request"), response.text());
            assertFalse(response.text().contains("org.apache") || response.text().contains("java."), response.text());
        }
    }
}
