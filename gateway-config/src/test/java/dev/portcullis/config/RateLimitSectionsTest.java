package dev.portcullis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.ProblemTypes;
import dev.portcullis.config.testing.Decisions;
import dev.portcullis.config.testing.Decisions.Decision;
import dev.portcullis.config.testing.Requests;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rateLimiting section builds stores, policies, route policies and limiter stages of gateway-ratelimit. */
class RateLimitSectionsTest {
    private static final String[] FILE = {
        "pipeline: [routing, ipLimit]",
        "routes:",
        "  - id: export",
        "    path: /export/**",
        "    upstreams: [http://10.0.0.5:8080]",
        "    rateLimit: exports",
        "  - id: api",
        "    path: /api/**",
        "    upstreams: [http://10.0.0.5:8080]",
        "rateLimiting:",
        "  stores: {local: {local: {maxKeys: 1000}}}",
        "  policies:",
        "    per-ip: {limits: [{name: burst, quota: 2, window: 10s, refill: interval}], key: client-ip}",
        "    exports:",
        "      limits: [{name: daily, quota: 3, window: 1d, refill: greedy}]",
        "      key: [client-ip, route-id]",
        "      methodCosts: {POST: 3}",
        "  limiters:",
        "    ipLimit: {defaultPolicy: per-ip, store: local, name: IpLimit, legacyHeaders: true}"};

    @TempDir
    Path directory;

    private static Decision run(GatewayConfig config, String method, String path) {
        return Decisions.run(config.pipeline(), Requests.of(method, path).build("r1"));
    }

    @Test
    void theLimiterIsAStageOfItsOwnNameThatCountsTheDefaultPolicy() {
        GatewayConfig config = new ConfigFiles(directory).load(FILE);
        assertEquals("Routing -> IpLimit", config.describe());
        Decision first = run(config, "GET", "/api/a");
        assertEquals(List.of("\"burst\";q=2;w=10"), first.responseHeaders().get("ratelimit-policy"));
        assertEquals(List.of("2"), first.responseHeaders().get("x-ratelimit-limit"));
        assertEquals(200, run(config, "GET", "/api/a").status());
        Decision third = run(config, "GET", "/api/a");
        assertEquals(429, third.status());
        assertEquals(ProblemTypes.RATE_LIMITED, third.problemType());
    }

    @Test
    void aRoutesPolicyWithAMethodCostReplacesTheDefaultPolicy() {
        GatewayConfig config = new ConfigFiles(directory).load(FILE);
        assertEquals(200, run(config, "POST", "/export/1").status());
        assertEquals(429, run(config, "GET", "/export/1").status(), "the POST took the whole quota of 3");
        assertEquals(200, run(config, "GET", "/api/1").status(), "another policy, another bucket");
    }

    @Test
    void anUnknownKeyNamesTheKnownOnes() {
        List<String> problems = new ConfigFiles(directory).problems(
                "pipeline: [limit]",
                "rateLimiting:",
                "  policies: {p: {limits: [{name: b, quota: 1, window: 1s, refill: greedy}], key: subjet}}",
                "  limiters: {limit: {defaultPolicy: p}}");
        assertEquals(List.of("gateway.yaml:3:82: rateLimiting.policies.p.key: unknown key 'subjet'; a key is one "
                + "of client-ip, subject, api-key, route-id, header:<name>; did you mean 'subject'?"), problems);
    }

    @Test
    void aLimitTheDslRefusesPointsAtTheLimit() {
        List<String> problems = new ConfigFiles(directory).problems(
                "pipeline: [limit]",
                "rateLimiting:",
                "  policies:",
                "    p:",
                "      limits: [{name: b, quota: 1, window: 1s, refill: greedy}]",
                "      cost: 5",
                "  limiters: {limit: {defaultPolicy: p}}");
        assertEquals(List.of("gateway.yaml:6:13: rateLimiting.policies.p.cost: policy p: cost must be 1 to 1 (the "
                + "smallest quota), was 5"), problems);
    }

    @Test
    void aRedisStoreThatCannotBeReachedFailsClosedAndIsClosedWithTheConfiguration() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        GatewayConfig config = new ConfigFiles(directory, Map.of("REDIS_URL", "redis://127.0.0.1:" + closedPort))
                .load("pipeline: [limit]",
                        "rateLimiting:",
                        "  stores: {shared: {redis: {uri: '${REDIS_URL}', timeout: 200ms, connectTimeout: 200ms}}}",
                        "  policies:",
                        "    p: {limits: [{name: b, quota: 5, window: 1s, refill: greedy}], store: shared,",
                        "        unavailableRetryAfter: 7s}",
                        "  limiters: {limit: {defaultPolicy: p}}");
        Decision decision = run(config, "GET", "/x");
        assertEquals(503, decision.status());
        assertEquals(List.of("7"), decision.responseHeaders().get("retry-after"));
        assertTrue(lettuceThreadsAlive(), "the store opened a Redis client");
        config.close();
        joinLettuceThreads();
        assertFalse(lettuceThreadsAlive(), "closing the configuration shut the Redis client down");
    }

    private static boolean lettuceThreadsAlive() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(RateLimitSectionsTest::isLettuce);
    }

    private static void joinLettuceThreads() throws InterruptedException {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (isLettuce(thread)) {
                thread.join(10_000);
            }
        }
    }

    private static boolean isLettuce(Thread thread) {
        return thread.isAlive() && thread.getName().startsWith("lettuce-");
    }

}
