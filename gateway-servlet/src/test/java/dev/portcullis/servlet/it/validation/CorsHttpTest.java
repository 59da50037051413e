package dev.portcullis.servlet.it.validation;

import static dev.portcullis.servlet.it.validation.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.portcullis.api.Pipeline;
import dev.portcullis.api.ProblemTypes;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.core.cors.Cors;
import dev.portcullis.core.cors.CorsPolicy;
import dev.portcullis.servlet.GatewayFilter;
import dev.portcullis.servlet.it.RawHttp;
import dev.portcullis.servlet.it.RunningServer;
import dev.portcullis.servlet.it.ServletContainer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** CORS answered by the gateway through the real filter: preflights, simple requests, one allow-origin. */
class CorsHttpTest {
    private static final String CONTAINERS = "dev.portcullis.servlet.it.ServletContainer#all";
    private static final String APP = "https://app.example.com";
    @RegisterExtension
    static final GatewayFixture GATEWAY = new GatewayFixture(CorsHttpTest::gateway);

    private static GatewayFilter gateway(Upstream upstream) {
        return GatewayFilter.builder().pipeline(Pipeline.builder()
                .add(Routing.interceptor(RouteTable.of(
                        Route.builder("api").path("/api/**").upstream(upstream.baseUri()).build())))
                .add(Cors.interceptor(CorsPolicy.builder().allowedOrigins(APP).allowedMethods("GET", "PUT")
                        .allowedHeaders("Content-Type", "Authorization").exposedHeaders("X-Request-Id")
                        .allowCredentials(true).maxAge(Duration.ofMinutes(10)).build()))
                .build()).build();
    }

    private static RawHttp.Response send(RunningServer server, String method, String path, String... headerLines)
            throws Exception {
        return RawHttp.exchange(server.port(), method + " " + path + " HTTP/1.1\r\nHost: gw\r\n"
                + String.join("", java.util.Arrays.stream(headerLines).map(h -> h + "\r\n").toList())
                + "Connection: close\r\n\r\n");
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aPreflightFromAnAllowedOriginIsAnsweredByTheGatewayWith204(ServletContainer container) throws Exception {
        RunningServer server = GATEWAY.on(container);
        RawHttp.Response response = send(server, "OPTIONS", "/api/orders", "Origin: " + APP,
                "Access-Control-Request-Method: PUT", "Access-Control-Request-Headers: content-type, authorization");
        assertEquals(204, response.status(), response.text());
        assertEquals(List.of(APP), response.header("Access-Control-Allow-Origin"));
        assertEquals(List.of("true"), response.header("Access-Control-Allow-Credentials"));
        assertEquals(List.of("GET, PUT"), response.header("Access-Control-Allow-Methods"));
        assertEquals(List.of("content-type, authorization"), response.header("Access-Control-Allow-Headers"));
        assertEquals(List.of("600"), response.header("Access-Control-Max-Age"));
        assertEquals(List.of("Origin, Access-Control-Request-Method, Access-Control-Request-Headers"),
                response.header("Vary"));
        assertFalse(GATEWAY.upstream().received(), "the preflight reached the upstream");
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aPreflightFromAnotherOriginIsA403ProblemWithoutCorsHeaders(ServletContainer container) throws Exception {
        RunningServer server = GATEWAY.on(container);
        RawHttp.Response response = send(server, "OPTIONS", "/api/orders", "Origin: https://evil.example",
                "Access-Control-Request-Method: PUT");
        assertProblem(response, 403, ProblemTypes.CORS_REJECTED);
        assertEquals(List.of(), response.header("Access-Control-Allow-Origin"));
        assertFalse(GATEWAY.upstream().received(), "the preflight reached the upstream");
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aPreflightForAMethodNotAllowedIsA403Problem(ServletContainer container) throws Exception {
        RunningServer server = GATEWAY.on(container);
        RawHttp.Response response = send(server, "OPTIONS", "/api/orders", "Origin: " + APP,
                "Access-Control-Request-Method: DELETE");
        assertProblem(response, 403, ProblemTypes.CORS_REJECTED);
        assertFalse(GATEWAY.upstream().received(), "the preflight reached the upstream");
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aSimpleRequestGetsExactlyOneAllowOriginEvenWhenTheUpstreamSendsItsOwn(ServletContainer container)
            throws Exception {
        RunningServer server = GATEWAY.on(container);
        RawHttp.Response response = send(server, "GET", "/api/decorated", "Origin: " + APP);
        assertEquals(200, response.status(), response.text());
        assertEquals(List.of(APP), response.header("Access-Control-Allow-Origin"));
        assertEquals(List.of("true"), response.header("Access-Control-Allow-Credentials"));
        assertEquals(List.of("X-Request-Id"), response.header("Access-Control-Expose-Headers"));
        assertEquals(List.of("Accept-Encoding", "Origin"), response.header("Vary"));
        assertEquals(List.of(APP), GATEWAY.upstream().next().header("Origin"));
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aSimpleRequestFromAnotherOriginGetsNoCorsHeadersButVaryOrigin(ServletContainer container)
            throws Exception {
        RunningServer server = GATEWAY.on(container);
        RawHttp.Response response = send(server, "GET", "/api/decorated", "Origin: https://evil.example");
        assertEquals(200, response.status(), response.text());
        assertEquals(List.of(), response.header("Access-Control-Allow-Origin"));
        assertEquals(List.of("Accept-Encoding", "Origin"), response.header("Vary"));
    }
}
