package dev.portcullis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.portcullis.api.routing.HashKey;
import dev.portcullis.api.routing.LoadBalancers;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.config.testing.Decisions;
import dev.portcullis.config.testing.Requests;
import dev.portcullis.core.resilience.CircuitBreaker;
import dev.portcullis.core.resilience.HealthCheck;
import dev.portcullis.core.resilience.OutlierEjection;
import dev.portcullis.core.resilience.Resilience;
import dev.portcullis.core.resilience.Retries;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A route's load-balancing strategy and resilience section map onto the DSL, and wrong values point at the file. */
class ResilienceSectionTest {
    @TempDir
    Path directory;

    private ConfigFiles files() {
        return new ConfigFiles(directory);
    }

    private static Map<String, Route> routes(GatewayConfig config) {
        return Routing.routes(config.pipeline()).stream().collect(Collectors.toMap(Route::id, route -> route));
    }

    @Test
    void everyResilienceSettingReachesTheRoutesResilience() {
        try (GatewayConfig config = files().load(
                "pipeline: [routing]",
                "routes:",
                "  - id: orders",
                "    upstreams: [http://10.0.0.5:8080, http://10.0.0.6:8080]",
                "    loadBalancer: least-requests",
                "    resilience:",
                "      healthCheck: {path: /health, interval: 5s, jitter: 500ms, timeout: 1s, healthyThreshold: 3,",
                "                    unhealthyThreshold: 2, expectedStatuses: [200, 204]}",
                "      outlierEjection: {consecutiveFailures: 3, countServerErrors: true, baseEjectionTime: 10s,",
                "                        maxEjectionTime: 2m, maxEjectedPercent: 34}",
                "      circuitBreaker: {maxRequests: 200, maxPending: 50}",
                "      retries: {maxRetries: 3, 'on': [connect-failure, timeout], statuses: [502, 503],",
                "                nonIdempotent: true, baseBackoff: 10ms, maxBackoff: 100ms, budgetPercent: 10,",
                "                minRetriesPerSecond: 1, maxReplayBody: 4KiB, perTryTimeout: 2s, overallTimeout: 5s}",
                "  - id: plain",
                "    path: /plain/**",
                "    upstreams: [http://10.0.0.7:8080]",
                "    resilience: {healthCheck: /ready, outlierEjection: {enabled: false}, retries: {baseBackoff: 5ms}}")) {
            Resilience expected = Resilience.builder()
                    .healthCheck(HealthCheck.builder("/health").interval(Duration.ofSeconds(5))
                            .jitter(Duration.ofMillis(500)).timeout(Duration.ofSeconds(1)).healthyThreshold(3)
                            .unhealthyThreshold(2).expectedStatuses(200, 204).build())
                    .outlierEjection(OutlierEjection.builder().consecutiveFailures(3).countServerErrors(true)
                            .baseEjectionTime(Duration.ofSeconds(10)).maxEjectionTime(Duration.ofMinutes(2))
                            .maxEjectedPercent(34).build())
                    .circuitBreaker(CircuitBreaker.builder().maxRequests(200).maxPending(50).build())
                    .retries(Retries.builder().maxRetries(3)
                            .on(Retries.Condition.CONNECT_FAILURE, Retries.Condition.TIMEOUT).statuses(502, 503)
                            .nonIdempotent(true).backoff(Duration.ofMillis(10), Duration.ofMillis(100)).budget(10, 1)
                            .maxReplayBytes(4096).perTryTimeout(Duration.ofSeconds(2))
                            .overallTimeout(Duration.ofSeconds(5)).build())
                    .build();
            Map<String, Route> routes = routes(config);
            assertEquals(Decisions.describe(expected),
                    Decisions.describe(routes.get("orders").metadata().get(Resilience.KEY).orElseThrow()));
            assertEquals("UpstreamGroup[http://10.0.0.5:8080, http://10.0.0.6:8080] balanced by leastRequests",
                    routes.get("orders").upstreams().toString());
            Resilience plain = Resilience.builder().healthCheck(HealthCheck.builder("/ready").build())
                    .outlierEjection(OutlierEjection.off())
                    .retries(Retries.builder().backoff(Duration.ofMillis(5), Duration.ofMillis(250)).build()).build();
            assertEquals(Decisions.describe(plain),
                    Decisions.describe(routes.get("plain").metadata().get(Resilience.KEY).orElseThrow()));
        }
    }

    private static String[] checked(String maxPending) {
        return new String[] {"pipeline: [routing]", "routes:", "  - id: orders",
            "    upstreams: [http://10.0.0.5:8080, {uri: http://10.0.0.6:8080, weight: 3}]",
            "    resilience:", "      healthCheck: {path: /health, expectedStatuses: [200, 204]}",
            "      circuitBreaker: {maxPending: " + maxPending + "}",
            "      retries: {maxRetries: 2, statuses: [503], perTryTimeout: 2s}"};
    }

    @Test
    void twoLoadsOfAnUnchangedRouteGiveEqualInstancesAndSettingsSoAReloadKeepsTheGroupsHealthState() {
        try (GatewayConfig first = files().load(checked("50")); GatewayConfig same = files().load(checked("50"));
             GatewayConfig changed = files().load(checked("51"))) {
            Route before = routes(first).get("orders");
            Route after = routes(same).get("orders");

            assertEquals(before.upstreams().instances(), after.upstreams().instances());
            assertEquals(before.metadata().get(Resilience.KEY), after.metadata().get(Resilience.KEY));
            assertNotEquals(before.metadata().get(Resilience.KEY),
                    routes(changed).get("orders").metadata().get(Resilience.KEY));
        }
    }

    @Test
    void consistentHashingOnAHeaderSendsOneUserToOneInstance() {
        try (GatewayConfig config = files().load(
                "pipeline: [routing]",
                "routes:",
                "  - id: carts",
                "    upstreams: [http://10.0.0.5:8080, http://10.0.0.6:8080, http://10.0.0.7:8080]",
                "    loadBalancer: consistent-hash",
                "    hashKey: {header: X-User}")) {
            Route carts = routes(config).get("carts");
            assertEquals(Route.builder("carts").upstream("http://10.0.0.5:8080").upstream("http://10.0.0.6:8080")
                    .upstream("http://10.0.0.7:8080").loadBalancer(LoadBalancers.consistentHash(HashKey.header("X-User")))
                    .build().upstreams().toString(), carts.upstreams().toString());
            for (String user : List.of("ann", "bob", "cyd")) {
                List<String> chosen = java.util.stream.IntStream.range(0, 5).mapToObj(i -> Decisions.run(
                        config.pipeline(), Requests.of("GET", "/x").header("X-User", user).build("r" + i)).upstream())
                        .distinct().toList();
                assertEquals(1, chosen.size(), user + " went to " + chosen);
            }
        }
    }

    @Test
    void outOfRangeResilienceValuesAreRefusedByTheDslAtTheirSetting() {
        assertEquals(List.of(
                "gateway.yaml:6:27: routes[0].resilience.healthCheck.path: healthCheck.path: must be a path (and query) "
                        + "starting with a single /, without a fragment, was health",
                "gateway.yaml:7:37: routes[0].resilience.circuitBreaker.maxRequests: circuitBreaker.maxRequests: must "
                        + "be from 1 to 1000000, was 0",
                "gateway.yaml:8:29: routes[0].resilience.retries.maxRetries: retries.maxRetries: must be from 1 to 10, "
                        + "was 11",
                "gateway.yaml:8:43: routes[0].resilience.retries.statuses: retries.statuses: must be from 400 to 599, "
                        + "was 200"),
                files().problems(
                        "pipeline: [routing]",
                        "routes:",
                        "  - id: api",
                        "    upstreams: [http://127.0.0.1:9001]",
                        "    resilience:",
                        "      healthCheck: {path: health}",
                        "      circuitBreaker: {maxRequests: 0}",
                        "      retries: {maxRetries: 11, statuses: [200]}"));
    }

    @Test
    void aMistypedResilienceKeyOrConditionNamesTheNearestValidOne() {
        assertEquals(List.of(
                "gateway.yaml:6:21: routes[0].resilience.healthCheck.intervall: unknown setting 'intervall'; did you "
                        + "mean 'interval'?",
                "gateway.yaml:7:24: routes[0].resilience.retries.on[0]: expected one of connect-failure, reset, "
                        + "timeout, found 'connect-failures'; did you mean 'connect-failure'?"),
                files().problems(
                        "pipeline: [routing]",
                        "routes:",
                        "  - id: api",
                        "    upstreams: [http://127.0.0.1:9001]",
                        "    resilience:",
                        "      healthCheck: {intervall: 5s, path: /h}",
                        "      retries: {'on': [connect-failures]}"));
    }

    @Test
    void consistentHashingWithoutAKeyAndAKeyWithoutConsistentHashingAreRefused() {
        assertEquals(List.of(
                "gateway.yaml:5:19: routes[0].loadBalancer: consistent-hash needs a hashKey: {header: NAME}, "
                        + "{cookie: NAME} or {clientAddress: true}",
                "gateway.yaml:10:14: routes[1].hashKey: only loadBalancer: consistent-hash reads a hashKey",
                "gateway.yaml:10:30: routes[1].hashKey.clientAddress: write clientAddress: true, or name a header or "
                        + "cookie",
                "gateway.yaml:13:43: routes[1].resilience.outlierEjection.enabled: outlier ejection is off: its other "
                        + "settings would be ignored; remove them or the enabled: false"),
                files().problems(
                        "pipeline: [routing]",
                        "routes:",
                        "  - id: a",
                        "    upstreams: [http://127.0.0.1:9001]",
                        "    loadBalancer: consistent-hash",
                        "  - id: b",
                        "    path: /b/**",
                        "    upstreams: [http://127.0.0.1:9002]",
                        "    loadBalancer: round-robin",
                        "    hashKey: {clientAddress: false}",
                        "    resilience:",
                        "      outlierEjection:",
                        "        {consecutiveFailures: 3, enabled: false}"));
    }
}
