package dev.portcullis.servlet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.routing.Route;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TransferCodingTest {
    private static final String CONTAINERS = "dev.portcullis.servlet.it.ServletContainer#all";
    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    private static RunningServer start(ServletContainer container, RawUpstream upstream) throws Exception {
        return container.start(Gateways.routing(
                Route.builder("api").path("/api/**").upstream(upstream.baseUri()).build()), new AppServlet());
    }

    /** Tomcat refuses an unknown coding itself, with 501 and its own error page, before the filter runs. */
    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aTransferCodingOtherThanChunkedIsRefusedWith501Problem(ServletContainer container) throws Exception {
        try (RawUpstream upstream = RawUpstream.start(OK); RunningServer server = start(container, upstream)) {
            RawHttp.Response response = RawHttp.exchange(server.port(), "POST /api/x HTTP/1.1\r\nHost: gw\r\n"
                    + "Transfer-Encoding: gzip, chunked\r\nConnection: close\r\n\r\n2\r\nhi\r\n0\r\n\r\n");
            assertEquals(501, response.status(), response.headers() + response.text());
            if (container == ServletContainer.JETTY) {
                assertTrue(response.header("Content-Type").get(0).startsWith("application/problem+json"));
            }
        }
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void anHttp10RequestWithTransferEncodingIsAnsweredAndItsConnectionClosed(ServletContainer container)
            throws Exception {
        try (RawUpstream upstream = RawUpstream.start(OK); RunningServer server = start(container, upstream);
             Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /api/x HTTP/1.0\r\nHost: gw\r\nConnection: keep-alive\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            RawHttp.Response response = RawHttp.read(in);
            assertEquals(400, response.status(), response.headers() + response.text());
            assertTrue(response.header("Connection").stream().anyMatch(v -> v.equalsIgnoreCase("close")),
                    response.headers().toString());
            assertEquals(-1, in.read(), "the connection stays open");
        }
    }
}
