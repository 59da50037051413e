package dev.portcullis.client.jetty;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portcullis.api.routing.Route;
import dev.portcullis.servlet.GatewayFilter;
import dev.portcullis.servlet.it.AppServlet;
import dev.portcullis.servlet.it.Gateways;
import dev.portcullis.servlet.it.RawHttp;
import dev.portcullis.servlet.it.RawUpstream;
import dev.portcullis.servlet.it.RunningServer;
import dev.portcullis.servlet.it.ServletContainer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real {@link GatewayFilter} built without a client, in real Jetty and Tomcat containers, with this module on the
 * classpath: it proxies through the Jetty client, which relays what the JDK client refuses.
 */
class JettyDefaultClientGatewayTest {

    @ParameterizedTest
    @MethodSource("dev.portcullis.servlet.it.ServletContainer#all")
    void aGatewayBuiltWithoutAClientRelaysAChunkedUpstreamResponseWithTrailersThatTheJdkClientAnswers502(
            ServletContainer container) throws Exception {
        try (RawUpstream upstream = RawUpstream.start("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n"
                     + "Trailer: X-Checksum\r\n\r\n2\r\nok\r\n0\r\nX-Checksum: 1234\r\n\r\n");
             RunningServer server = container.start(Gateways.builder(
                     Route.builder("api").path("/api/**").upstream(upstream.baseUri()).build()).build(),
                     new AppServlet())) {
            RawHttp.Response response = RawHttp.exchange(server.port(),
                    "GET /api/x HTTP/1.1\r\nHost: gw\r\nConnection: close\r\n\r\n");
            assertEquals(200, response.status(), response.headers() + response.text());
            assertEquals("ok", response.text());
        }
    }
}
