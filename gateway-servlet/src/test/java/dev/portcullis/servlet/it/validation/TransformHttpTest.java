package dev.portcullis.servlet.it.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portcullis.api.Pipeline;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.core.transform.HeaderEdits;
import dev.portcullis.core.transform.LocationRewrite;
import dev.portcullis.core.transform.QueryEdits;
import dev.portcullis.core.transform.Transform;
import dev.portcullis.servlet.GatewayFilter;
import dev.portcullis.servlet.it.Http;
import dev.portcullis.servlet.it.RawHttp;
import dev.portcullis.servlet.it.RunningServer;
import dev.portcullis.servlet.it.ServletContainer;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Header, query and Location transformations through the real filter, seen by the upstream and the client. */
class TransformHttpTest {
    private static final String CONTAINERS = "dev.portcullis.servlet.it.ServletContainer#all";
    @RegisterExtension
    static final GatewayFixture GATEWAY = new GatewayFixture(TransformHttpTest::gateway);

    private static GatewayFilter gateway(Upstream upstream) {
        Route edited = Route.builder("edited").path("/t/**").stripPrefix(1).upstream(upstream.baseUri() + "/v2")
                .metadata(Transform.ROUTE, Transform.builder()
                        .request(HeaderEdits.builder().add("X-Added", "added").set("X-Set", "gateway")
                                .remove("Cookie").rename("X-Old", "X-New").build())
                        .query(QueryEdits.builder().remove("debug").add("source", "gate way").build())
                        .response(HeaderEdits.builder().remove("Server").set("X-Upstream", "replaced")
                                .add("X-Gateway", "portcullis").build())
                        .build())
                .build();
        return GatewayFilter.builder().pipeline(Pipeline.builder()
                .add(Routing.interceptor(RouteTable.of(edited)))
                .add(Transform.perRoute())
                .add(LocationRewrite.interceptor())
                .build()).build();
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void requestHeaderEditsAreWhatTheUpstreamSees(ServletContainer container) throws Exception {
        RunningServer server = GATEWAY.on(container);
        RawHttp.Response response = RawHttp.exchange(server.port(), "GET /t/h HTTP/1.1\r\nHost: gw\r\n"
                + "X-Set: client\r\nX-Set: client-again\r\nCookie: session=1\r\nX-Old: moved\r\nX-Added: client\r\n"
                + "Connection: close\r\n\r\n");
        assertEquals(200, response.status(), response.text());
        Upstream.Seen seen = GATEWAY.upstream().next();
        assertEquals(List.of("gateway"), seen.header("X-Set"));
        assertEquals(List.of(), seen.header("Cookie"));
        assertEquals(List.of(), seen.header("X-Old"));
        assertEquals(List.of("moved"), seen.header("X-New"));
        assertEquals(List.of("client", "added"), seen.header("X-Added"));
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void queryEditsKeepTheOtherPairsRawBytes(ServletContainer container) throws Exception {
        RunningServer server = GATEWAY.on(container);
        RawHttp.Response response = RawHttp.exchange(server.port(), "GET /t/q?a=%2F%2f+x&debug=1&b=%C3%A9&c&debug=2"
                + " HTTP/1.1\r\nHost: gw\r\nConnection: close\r\n\r\n");
        assertEquals(200, response.status(), response.text());
        assertEquals("/v2/q?a=%2F%2f+x&b=%C3%A9&c&source=gate%20way", GATEWAY.upstream().next().rawUri());
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void responseHeaderEditsAreWhatTheClientSees(ServletContainer container) throws Exception {
        RunningServer server = GATEWAY.on(container);
        RawHttp.Response response = RawHttp.exchange(server.port(), "GET /t/decorated HTTP/1.1\r\nHost: gw\r\n"
                + "Connection: close\r\n\r\n");
        assertEquals(200, response.status(), response.text());
        assertEquals(List.of(), response.header("Server").stream().filter(v -> v.contains("upstream")).toList());
        assertEquals(List.of("replaced"), response.header("X-Upstream"));
        assertEquals(List.of("portcullis"), response.header("X-Gateway"));
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void anUpstreamLocationIsRewrittenToAPathOnTheGateway(ServletContainer container) throws Exception {
        RunningServer server = GATEWAY.on(container);
        HttpResponse<String> response = Http.get(server.uri("/t/redirect"));
        assertEquals(201, response.statusCode(), response.body());
        assertEquals(List.of("/orders/7?x=1"),
                response.headers().allValues("Location"));
        assertEquals("/v2/redirect?source=gate%20way", GATEWAY.upstream().next().rawUri());
    }
}
