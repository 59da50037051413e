package dev.portcullis.api.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.AttributeKey;
import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.Pipeline;
import dev.portcullis.api.ProblemTypes;
import dev.portcullis.api.TestRequests;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RouteTableTest {
    private static final Route ADMIN = Route.builder("admin").path("/api/admin/**")
            .upstream("http://127.0.0.1:9002").build();
    private static final Route API = Route.builder("api").path("/api/**").stripPrefix(1)
            .upstream("http://127.0.0.1:9001").build();
    private static final RouteTable TABLE = RouteTable.of(ADMIN, API);

    private final AtomicReference<GatewayRequest> reached = new AtomicReference<>();

    private GatewayResponse run(Router router, String rawPath) {
        Pipeline pipeline = Pipeline.builder().add(Routing.interceptor(router)).build();
        return pipeline.execute(TestRequests.get(rawPath), request -> {
            reached.set(request);
            return CompletableFuture.completedFuture(GatewayResponse.passToApplication());
        }).toCompletableFuture().join();
    }

    @Test
    void theFirstMatchingRouteInTheGivenOrderWins() {
        assertSame(ADMIN, TABLE.route(TestRequests.get("/api/admin/users")).orElseThrow().route());
        assertSame(API, TABLE.route(TestRequests.get("/api/users")).orElseThrow().route());
    }

    @Test
    void aBroadRouteListedFirstShadowsANarrowOne() {
        RouteTable shadowed = RouteTable.of(API, ADMIN);

        assertSame(API, shadowed.route(TestRequests.get("/api/admin/users")).orElseThrow().route());
    }

    @Test
    void noMatchIsEmpty() {
        assertTrue(TABLE.route(TestRequests.get("/apiadmin")).isEmpty());
    }

    @Test
    void routeIdsMustBeUnique() {
        Route again = Route.builder("api").path("/other/**").upstream("http://127.0.0.1:9003").build();

        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> RouteTable.of(API, again));

        assertTrue(failure.getMessage().contains("api"), failure.getMessage());
    }

    @Test
    void theRoutingInterceptorRecordsTheMatchForLaterStages() {
        run(TABLE, "/api/users/7");

        RouteMatch match = reached.get().attribute(Routing.MATCH).orElseThrow();
        assertSame(API, match.route());
        assertEquals("/users/7", match.upstreamRawPath());
    }

    @Test
    void anUnmatchedRequestProceedsWithoutAMatch() {
        GatewayResponse response = run(TABLE, "/index.html");

        assertTrue(response.passesToApplication());
        assertFalse(reached.get().attribute(Routing.MATCH).isPresent());
    }

    @Test
    void aMatchThatWouldForwardADotSegmentIsRefusedWithInvalidPath() {
        GatewayResponse response = run(TABLE, "/api/x/%2e%2e/admin");

        assertEquals(400, response.status());
        assertEquals(ProblemTypes.INVALID_PATH, response.problem().orElseThrow().type());
        assertEquals(null, reached.get());
    }

    @Test
    void aMatchThatWouldForwardAnEmptySegmentIsRefusedWithInvalidPath() {
        GatewayResponse response = run(TABLE, "/api//evil.test/x");

        assertEquals(ProblemTypes.INVALID_PATH, response.problem().orElseThrow().type());
    }

    @Test
    void anEncodedSlashStaysRawAllTheWayToTheUpstreamPath() {
        run(TABLE, "/api/files/a%2Fb%3Fc%23d%25");

        assertEquals("/files/a%2Fb%3Fc%23d%25", reached.get().attribute(Routing.MATCH).orElseThrow().upstreamRawPath());
    }

    @Test
    void aCustomRouterIsCheckedToo() {
        Router careless = request -> Optional.of(new RouteMatch(API, "/a/../b", java.util.Map.of()));

        assertEquals(400, run(careless, "/anything").status());
    }

    @Test
    void aStageReadsItsPolicyFromTheMatchedRoutesMetadataAndNothingWithoutAMatch() {
        AttributeKey<String> tier = AttributeKey.of("tier", String.class);
        Route gold = Route.builder("gold").path("/gold/**").upstream("http://127.0.0.1:9").metadata(tier, "gold").build();
        Route plain = Route.builder("plain").path("/plain/**").upstream("http://127.0.0.1:9").build();
        RouteTable table = RouteTable.of(gold, plain);
        GatewayRequest onGold = TestRequests.get("/gold/x");
        GatewayRequest onPlain = TestRequests.get("/plain/x");

        assertEquals(Optional.of("gold"), Routing.metadata(
                onGold.withAttribute(Routing.MATCH, table.route(onGold).orElseThrow()), tier));
        assertTrue(Routing.metadata(onPlain.withAttribute(Routing.MATCH, table.route(onPlain).orElseThrow()), tier)
                .isEmpty());
        assertTrue(Routing.metadata(onGold, tier).isEmpty(), "no match, no metadata");
    }
}
