package dev.portcullis.core.transform;

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
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.core.testing.RecordingUpstream;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransformTest {
    private final RecordingUpstream upstream = new RecordingUpstream(response -> response
            .header("Server", "upstream/1.0").header("Location", "http://10.0.0.5:8080/v2/orders/7?x=1"));

    @Test
    void requestHeadersAreAddedSetRemovedAndRenamedInOrder() {
        Transform transform = Transform.builder().request(HeaderEdits.builder()
                .remove("Cookie").set("X-Gateway", "portcullis").add("Via", "1.1 portcullis")
                .rename("X-User", "X-Upstream-User").build()).build();
        run(Pipeline.builder().add(transform.interceptor()).build(), request("GET", "/a")
                .headers(headers("Cookie", "s=1", "X-Gateway", "spoofed", "X-User", "u1", "X-User", "u2")).build());
        GatewayRequest seen = upstream.received();
        assertFalse(seen.headers().contains("Cookie"));
        assertEquals(List.of("portcullis"), seen.headers().all("X-Gateway"));
        assertEquals(List.of("u1", "u2"), seen.headers().all("X-Upstream-User"));
        assertFalse(seen.headers().contains("X-User"));
        assertEquals("1.1 portcullis", seen.headers().first("Via").orElseThrow());
    }

    @Test
    void aRenameReplacesAClientSentTargetHeaderSoItCannotBeSpoofed() {
        Transform transform = Transform.builder().request(HeaderEdits.builder()
                .rename("X-User", "X-Upstream-User").build()).build();
        Pipeline pipeline = Pipeline.builder().add(transform.interceptor()).build();
        run(pipeline, request("GET", "/a").headers(headers("X-Upstream-User", "admin", "X-User", "alice")).build());
        assertEquals(List.of("alice"), upstream.received().headers().all("X-Upstream-User"));
        run(pipeline, request("GET", "/a").headers(headers("X-Upstream-User", "admin")).build());
        assertFalse(upstream.received().headers().contains("X-Upstream-User"));
        run(pipeline, request("GET", "/a").headers(headers("x-user", "bob")).build());
        assertEquals(List.of("bob"), upstream.received().headers().all("X-Upstream-User"));
    }

    @Test
    void queryEditsKeepOtherParametersByteForByte() {
        QueryEdits edits = QueryEdits.builder().remove("debug").add("source", "api gateway").build();
        assertEquals("q=a%2Fb&x=%E2%82%AC+1&source=api%20gateway", edits.apply("q=a%2Fb&debug=1&x=%E2%82%AC+1&debug"));
        assertNull(QueryEdits.builder().remove("debug").build().apply("debug=1"));
    }

    @Test
    void theQueryEditReachesTheUpstream() {
        Transform transform = Transform.builder().query(QueryEdits.builder().remove("token").build()).build();
        run(Pipeline.builder().add(transform.interceptor()).build(), request("GET", "/a?token=s3cret&id=%2F7").build());
        assertEquals("/a?id=%2F7", upstream.received().rawPathAndQuery());
    }

    @Test
    void responseHeadersAreEditedOnTheWayBack() {
        Transform transform = Transform.builder().response(HeaderEdits.builder()
                .remove("Server").set("X-Frame-Options", "DENY").build()).build();
        GatewayResponse response = run(Pipeline.builder().add(transform.interceptor()).build(),
                request("GET", "/a").build());
        assertFalse(response.headers().contains("Server"));
        assertEquals("DENY", response.headers().first("X-Frame-Options").orElseThrow());
    }

    @Test
    void aRoutesOwnTransformAppliesOnlyToThatRoute() {
        Transform stamp = Transform.builder().request(HeaderEdits.builder().set("X-Route", "orders").build()).build();
        Pipeline pipeline = Pipeline.builder()
                .add(Routing.interceptor(RouteTable.of(Route.builder("orders").path("/orders/**")
                        .upstream("http://127.0.0.1:9001").metadata(Transform.ROUTE, stamp).build())))
                .add(Transform.perRoute()).build();
        run(pipeline, request("GET", "/orders/1").build());
        assertEquals("orders", upstream.received().headers().first("X-Route").orElseThrow());
        run(pipeline, request("GET", "/other").build());
        assertFalse(upstream.received().headers().contains("X-Route"));
    }

    @Test
    void anUpstreamLocationBecomesAPathOnTheGatewayWithoutTheBasePathNeverBuiltFromTheClientsHost() {
        Pipeline pipeline = Pipeline.builder()
                .add(Routing.interceptor(RouteTable.of(Route.builder("orders").path("/orders/**")
                        .upstream("http://10.0.0.5:8080/v2").build())))
                .add(LocationRewrite.interceptor()).build();
        GatewayResponse response = run(pipeline, request("POST", "/orders").authority("forged.example").build());
        assertEquals("/orders/7?x=1", response.headers().first("Location").orElseThrow());
    }

    @Test
    void withAPublicBaseAnUpstreamLocationBecomesAnAbsoluteAddressOnIt() {
        Pipeline pipeline = Pipeline.builder()
                .add(Routing.interceptor(RouteTable.of(Route.builder("orders").path("/orders/**")
                        .upstream("http://10.0.0.5:8080/v2").build())))
                .add(LocationRewrite.interceptor(java.net.URI.create("https://api.example.com"))).build();
        GatewayResponse response = run(pipeline, request("POST", "/orders").authority("forged.example").build());
        assertEquals("https://api.example.com/orders/7?x=1", response.headers().first("Location").orElseThrow());
    }

    @Test
    void aPublicBaseWithAPathFailsNamingTheSetting() {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> LocationRewrite.interceptor(java.net.URI.create("https://api.example.com/v1")));
        assertTrue(failure.getMessage().contains("publicBase"), failure.getMessage());
    }

    @Test
    void aSchemeRelativeLocationOnTheUpstreamIsRewrittenSoTheUpstreamHostNeverLeaks() {
        RecordingUpstream relative = new RecordingUpstream(r -> r.header("Location", "//10.0.0.5:8080/v2/orders/7"));
        Pipeline pipeline = Pipeline.builder()
                .add(Routing.interceptor(RouteTable.of(Route.builder("orders").path("/orders/**")
                        .upstream("http://10.0.0.5:8080/v2").build())))
                .add(LocationRewrite.interceptor()).build();
        GatewayResponse response = pipeline.execute(request("POST", "/orders").build(), relative)
                .toCompletableFuture().join();
        assertEquals("/orders/7", response.headers().first("Location").orElseThrow());
    }

    @Test
    void aLocationOnAnotherHostIsLeftAlone() {
        RecordingUpstream elsewhere = new RecordingUpstream(r -> r.header("Location", "https://idp.example.net/login"));
        Pipeline pipeline = Pipeline.builder()
                .add(Routing.interceptor(RouteTable.of(Route.builder("orders").path("/**")
                        .upstream("http://10.0.0.5:8080").build())))
                .add(LocationRewrite.interceptor()).build();
        GatewayResponse response = pipeline.execute(request("GET", "/x").build(), elsewhere)
                .toCompletableFuture().join();
        assertEquals("https://idp.example.net/login", response.headers().first("Location").orElseThrow());
    }

    @Test
    void anEditWithAnUnsafeValueFailsWhenDeclared() {
        assertThrows(IllegalArgumentException.class, () -> HeaderEdits.builder().set("X-A", "a\r\nB: c"));
    }

    private GatewayResponse run(Pipeline pipeline, GatewayRequest request) {
        return pipeline.execute(request, upstream).toCompletableFuture().join();
    }
}
