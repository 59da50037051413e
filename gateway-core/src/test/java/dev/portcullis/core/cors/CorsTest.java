package dev.portcullis.core.cors;

import static dev.portcullis.core.testing.TestRequests.headers;
import static dev.portcullis.core.testing.TestRequests.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.Pipeline;
import dev.portcullis.api.ProblemTypes;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.core.guard.GuardPolicy;
import dev.portcullis.core.guard.RequestGuards;
import dev.portcullis.core.guard.ValueCheck;
import dev.portcullis.core.testing.RecordingUpstream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CorsTest {
    private static final Pipeline PIPELINE = Pipeline.builder().add(Cors.interceptor(CorsPolicy.builder()
            .allowedOrigins("https://app.example.com", "https://*.example.org")
            .allowedMethods("GET", "POST", "DELETE")
            .allowedHeaders("Content-Type", "Authorization")
            .exposedHeaders("X-Request-Id")
            .allowCredentials(true)
            .maxAge(Duration.ofMinutes(10))
            .build())).build();

    private final RecordingUpstream upstream = new RecordingUpstream(response -> response
            .header("Access-Control-Allow-Origin", "*").header("Vary", "Accept-Encoding"));

    @Test
    void anAllowedPreflightIsAnswered204ByTheGateway() {
        GatewayResponse response = execute(preflight("https://app.example.com", "DELETE", "content-type, authorization"));
        assertEquals(204, response.status());
        assertEquals("https://app.example.com", response.headers().first("Access-Control-Allow-Origin").orElseThrow());
        assertEquals("GET, POST, DELETE", response.headers().first("Access-Control-Allow-Methods").orElseThrow());
        assertEquals("content-type, authorization",
                response.headers().first("Access-Control-Allow-Headers").orElseThrow());
        assertEquals("true", response.headers().first("Access-Control-Allow-Credentials").orElseThrow());
        assertEquals("600", response.headers().first("Access-Control-Max-Age").orElseThrow());
        assertTrue(response.headers().first("Vary").orElseThrow().contains("Origin"));
        assertNull(upstream.received(), "preflights never reach the upstream");
    }

    @Test
    void aPreflightFromASubdomainPatternIsAllowedButNotFromTheBareDomain() {
        assertEquals(204, execute(preflight("https://eu.shop.example.org", "GET", "")).status());
        assertEquals(403, execute(preflight("https://example.org", "GET", "")).status());
    }

    @Test
    void aPreflightFromAnUnknownOriginIsA403Problem() {
        GatewayResponse response = execute(preflight("https://evil.test", "GET", ""));
        assertEquals(403, response.status());
        assertEquals(ProblemTypes.CORS_REJECTED, response.problem().orElseThrow().type());
        assertFalse(response.headers().contains("Access-Control-Allow-Origin"));
    }

    @Test
    void aPreflightAskingForAnUnlistedMethodOrHeaderIsRefused() {
        assertEquals(403, execute(preflight("https://app.example.com", "PUT", "")).status());
        assertEquals(403, execute(preflight("https://app.example.com", "GET", "X-Admin")).status());
    }

    @Test
    void anAllowedSimpleRequestGetsExactlyOneAllowOriginReplacingTheUpstreams() {
        GatewayResponse response = execute(request("GET", "/items")
                .headers(headers("Origin", "https://app.example.com")).build());
        assertEquals(List.of("https://app.example.com"), response.headers().all("Access-Control-Allow-Origin"));
        assertEquals("X-Request-Id", response.headers().first("Access-Control-Expose-Headers").orElseThrow());
        assertEquals(List.of("Accept-Encoding", "Origin"), response.headers().all("Vary"));
    }

    @Test
    void aDisallowedSimpleRequestGetsNoCorsHeadersAtAll() {
        GatewayResponse response = execute(request("GET", "/items")
                .headers(headers("Origin", "https://evil.test")).build());
        assertEquals(200, response.status());
        assertFalse(response.headers().contains("Access-Control-Allow-Origin"));
        assertTrue(response.headers().all("Vary").contains("Origin"));
    }

    @Test
    void aRequestWithoutOriginLosesTheUpstreamsCorsHeadersAndVariesOnOrigin() {
        GatewayResponse response = execute(request("GET", "/items").build());
        assertEquals(200, response.status());
        assertFalse(response.headers().contains("Access-Control-Allow-Origin"),
                "a cache must not replay the upstream's * to a cross-origin caller");
        assertEquals(List.of("Accept-Encoding", "Origin"), response.headers().all("Vary"));
    }

    @Test
    void aSameOriginRequestLosesTheUpstreamsCorsHeadersAndVariesOnOrigin() {
        GatewayResponse response = execute(request("GET", "/items")
                .headers(headers("Origin", "https://gw.test")).authority("gw.test").scheme("https").build());
        assertEquals(200, response.status());
        assertFalse(response.headers().contains("Access-Control-Allow-Origin"));
        assertTrue(response.headers().all("Vary").contains("Origin"));
    }

    @Test
    void aBareWildcardOriginIsRefusedAtBuild() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CorsPolicy.builder().allowedOrigins("*")).getMessage().contains("allowedOrigins"));
        assertThrows(IllegalArgumentException.class, () -> CorsPolicy.builder().build());
    }

    @Test
    void aPreflightForAMethodTheRouteForbidsIsRefusedAndGuardsAfterCorsLetAllowedPreflightsThrough() {
        Route route = Route.builder("orders").path("/items/**").upstream("http://127.0.0.1:9001")
                .metadata(RequestGuards.POLICY, GuardPolicy.builder().allowedMethods("GET", "POST")
                        .requireHeader("X-Tenant", ValueCheck.pattern("[a-z]+")).build())
                .build();
        Pipeline guarded = Pipeline.builder().add(Routing.interceptor(RouteTable.of(route)))
                .add(Cors.interceptor(CorsPolicy.builder().allowedOrigins("https://app.example.com")
                        .allowedMethods("GET", "POST", "DELETE").build()))
                .add(RequestGuards.interceptor(GuardPolicy.defaults()))
                .build();
        GatewayResponse refused = guarded.execute(preflight("https://app.example.com", "DELETE", ""), upstream)
                .toCompletableFuture().join();
        assertEquals(403, refused.status());
        assertEquals(ProblemTypes.CORS_REJECTED, refused.problem().orElseThrow().type());
        GatewayResponse allowed = guarded.execute(preflight("https://app.example.com", "POST", ""), upstream)
                .toCompletableFuture().join();
        assertEquals(204, allowed.status());
        assertEquals("GET, POST", allowed.headers().first("Access-Control-Allow-Methods").orElseThrow());
        assertNull(upstream.received());
    }

    private static GatewayRequest preflight(String origin, String method, String requestHeaders) {
        return request("OPTIONS", "/items").headers(headers("Origin", origin,
                "Access-Control-Request-Method", method, "Access-Control-Request-Headers", requestHeaders)).build();
    }

    private GatewayResponse execute(GatewayRequest request) {
        return PIPELINE.execute(request, upstream).toCompletableFuture().join();
    }
}
