package dev.portcullis.client.jetty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * classpath: it proxies through the Jetty client, which refuses what the JDK client would relay.
 */
class JettyDefaultClientGatewayTest {

    @ParameterizedTest
    @MethodSource("dev.portcullis.servlet.it.ServletContainer#all")
    void aGatewayBuiltWithoutAClientAnswers502ToAnUpstreamHeaderLineSplitByABareCrInsteadOfRelayingTwoHeaders(
            ServletContainer container) throws Exception {
        try (RawUpstream upstream = RawUpstream.start("HTTP/1.1 200 OK\r\nX-Upstream: marker\r\n"
                     + "X-Evil: a\rSet-Cookie: b\r\nContent-Length: 2\r\n\r\nok");
             RunningServer server = container.start(Gateways.builder(
                     Route.builder("api").path("/api/**").upstream(upstream.baseUri()).build()).build(),
                     new AppServlet())) {
            RawHttp.Response response = RawHttp.exchange(server.port(),
                    "GET /api/x HTTP/1.1\r\nHost: gw\r\nConnection: close\r\n\r\n");
            assertEquals(502, response.status(), response.headers() + response.text());
            assertTrue(response.text().contains("upstream-unavailable"), response.text());
            assertTrue(response.header("Set-Cookie").isEmpty(), response.headers().toString());
        }
    }
}
