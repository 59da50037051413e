package dev.portcullis.servlet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portcullis.api.routing.Route;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A proxied response carries the upstream's Date and Server once, never a second copy from the container. */
class ResponseDateTest {
    private static final String DATE = "Mon, 01 Jan 2024 00:00:00 GMT";

    @ParameterizedTest
    @MethodSource("dev.portcullis.servlet.it.ServletContainer#all")
    void aProxiedResponseCarriesExactlyOneDateAndServerTheUpstreams(ServletContainer container) throws Exception {
        try (RawUpstream upstream = RawUpstream.start("HTTP/1.1 200 OK\r\nDate: " + DATE
                + "\r\nServer: upstream/1\r\nContent-Length: 2\r\n\r\nok");
             RunningServer server = container.start(Gateways.routing(
                     Route.builder("api").path("/api/**").upstream(upstream.baseUri()).build()), new AppServlet())) {
            RawHttp.Response response = RawHttp.exchange(server.port(),
                    "GET /api/x HTTP/1.1\r\nHost: gw\r\nConnection: close\r\n\r\n");
            assertEquals(200, response.status());
            assertEquals(List.of(DATE), response.header("Date"));
            assertEquals(List.of("upstream/1"), response.header("Server"));
        }
    }
}
