package dev.portcullis.examples.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portcullis.api.Pipeline;
import dev.portcullis.config.GatewayConfig;
import dev.portcullis.config.InterceptorRegistry;
import dev.portcullis.config.testing.Decisions;
import dev.portcullis.config.testing.Decisions.Decision;
import dev.portcullis.config.testing.Requests;
import dev.portcullis.config.testing.SettingsRecorder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each shipped example file and its Java DSL twin build the same pipeline: the same {@code describe()}, and the same
 * decision for every request of a corpus (status, problem type, answer headers, route with its timeouts, upstream
 * instance, forwarded path and query, upstream request headers). Rate-limit remainders and reset times, which depend
 * on the time between requests, are compared as present or absent only. The expected statuses pin what the corpus
 * exercises.
 */
class ConfigTwinsTest {
    static final Path EXAMPLES = Path.of("src/main/config");
    static final String REPORTING_KEY = "reporting-example-key";

    static GatewayConfig load(String file) {
        return GatewayConfig.loader()
                .environment(Map.of("REPORTING_API_KEY", REPORTING_KEY)::get)
                .interceptors(InterceptorRegistry.builder().discover(ConfigTwinsTest.class.getClassLoader()).build())
                .load(EXAMPLES.resolve(file));
    }

    @Test
    void thePlainProxyFileAndItsTwinDecideAlike() {
        List<Requests> corpus = List.of(
                Requests.of("GET", "/api/users/7"), Requests.of("GET", "/api/users/7"),
                Requests.of("GET", "/api/users/7?page=2"), Requests.of("GET", "/api/users/7"),
                Requests.of("POST", "/api/orders").body("{}"), Requests.of("GET", "/apiadmin"),
                Requests.of("GET", "/api/" + "x".repeat(9000)));
        same("plain-proxy.yaml", PlainProxyTwin.pipeline(), corpus, List.of(200, 200, 200, 200, 415, 0, 414));
    }

    @Test
    void theJwtFileAndItsTwinDecideAlike() {
        String reader = ExampleTokens.shop("alice", Map.of("scope", "orders:read",
                "realm_access", Map.of("roles", List.of("clerk"))));
        String stranger = ExampleTokens.shop("bob", Map.of("scope", "profile"));
        String otherAudience = ExampleTokens.sign(ExampleTokens.SHOP, "carol", "another-api",
                Map.of("scope", "orders:read"));
        String unknownIssuer = ExampleTokens.sign("https://elsewhere.example", "dave", "shop-api", Map.of());
        List<Requests> corpus = List.of(
                Requests.of("GET", "/health"),
                Requests.of("GET", "/api/orders/1"),
                bearer(Requests.of("GET", "/api/orders/1"), reader),
                bearer(Requests.of("GET", "/api/orders/1"), stranger),
                bearer(Requests.of("GET", "/api/orders/1"), otherAudience),
                bearer(Requests.of("GET", "/api/orders/1"), unknownIssuer),
                bearer(Requests.of("GET", "/api/orders/1"), "not-a-token"),
                bearer(Requests.of("POST", "/api/orders").body("{}"), reader),
                bearer(Requests.of("POST", "/api/orders").body("{}"), reader),
                bearer(Requests.of("GET", "/elsewhere"), reader),
                Requests.of("GET", "/elsewhere").header("X-User-Id", "forged"));
        same("jwt-per-user-limits.yaml", JwtLimitsTwin.pipeline(EXAMPLES), corpus,
                List.of(200, 401, 200, 403, 401, 401, 401, 200, 429, 0, 401));
    }

    @Test
    void theApiKeyFileAndItsTwinDecideAlike() {
        List<Requests> corpus = new ArrayList<>(List.of(
                key(Requests.of("GET", "/reports/1"), REPORTING_KEY),
                key(Requests.of("GET", "/reports/1"), "batch-example-key"),
                key(Requests.of("GET", "/reports/1"), "auditor-example-key"),
                key(Requests.of("GET", "/reports/1"), "a-key-nobody-issued"),
                Requests.of("GET", "/reports/1"),
                key(Requests.of("GET", "/jobs/1"), "batch-example-key"),
                key(json(Requests.of("POST", "/jobs")), REPORTING_KEY),
                key(Requests.of("POST", "/jobs").header("Content-Type", "text/plain").body("x"), "batch-example-key")));
        for (int i = 0; i < 4; i++) {
            corpus.add(key(json(Requests.of("POST", "/jobs")), "batch-example-key"));
        }
        same("api-keys.yaml", ApiKeysTwin.pipeline(EXAMPLES, REPORTING_KEY), corpus,
                List.of(200, 200, 200, 401, 401, 405, 403, 415, 200, 200, 200, 429));
    }

    @Test
    void theFullFileAndItsTwinDecideAlike() {
        String acme = ExampleTokens.shop("alice", Map.of("scope", "orders:read", "tenant", "acme",
                "realm_access", Map.of("roles", List.of("admin"))));
        String globex = ExampleTokens.shop("gus", Map.of("scope", "orders:read", "tenant", "globex"));
        String idToken = ExampleTokens.sign("JWT", ExampleTokens.SHOP, "alice", "shop-api", Map.of("tenant", "acme"));
        List<Requests> corpus = List.of(
                tenant(bearer(Requests.of("GET", "/api/orders/7?debug=1&page=2"), acme)).header("Cookie", "a=b"),
                tenant(Requests.of("GET", "/api/orders/7").header("Cookie", "access_token=" + acme)),
                tenant(bearer(json(Requests.of("POST", "/api/orders"))
                        .body("{\"sku\": \"AB-1\", \"quantity\": 2, \"shipTo\": {\"city\": \"Oslo\"}}"), acme)),
                tenant(bearer(json(Requests.of("POST", "/api/orders")).body("{\"sku\": \"AB-1\", \"quantity\": 0}"),
                        acme)),
                tenant(bearer(json(Requests.of("POST", "/api/orders")).body("{\"sku\": "), acme)),
                tenant(bearer(Requests.of("POST", "/api/orders").header("Content-Type", "text/plain").body("x"), acme)),
                bearer(Requests.of("GET", "/api/orders/7"), acme),
                tenant(bearer(Requests.of("GET", "/api/orders/7"), globex)),
                tenant(bearer(Requests.of("GET", "/api/orders/7"), acme)).from("192.0.2.66"),
                tenant(Requests.of("OPTIONS", "/api/orders/7").header("Origin", "https://app.example.com")
                        .header("Access-Control-Request-Method", "POST")),
                tenant(bearer(Requests.of("GET", "/api/admin/users"), acme)).host("admin.example.com")
                        .header("X-Admin-Version", "v3"),
                tenant(bearer(Requests.of("GET", "/api/admin/users"), globex)).host("ops.internal.example.com")
                        .header("X-Admin-Version", "v2"),
                tenant(key(Requests.of("GET", "/reports/q?format=csv"), "batch-example-key")),
                tenant(key(Requests.of("GET", "/reports/q?format=csv"), "batch-example-key")),
                tenant(bearer(Requests.of("GET", "/reports/q?format=csv"), acme)),
                tenant(Requests.of("GET", "/old/a/b").header("Authorization", "Basic dXNlcjpwdw==")),
                tenant(bearer(Requests.of("GET", "/api/orders/8"), acme)),
                tenant(bearer(Requests.of("GET", "/api/orders/9"), acme)),
                bearer(Requests.of("GET", "/elsewhere"), acme),
                Requests.of("GET", "/elsewhere"),
                bearer(Requests.of("GET", "/elsewhere"), idToken),
                tenant(bearer(Requests.of("GET", "/ops/status"), acme)).from("10.1.2.3"),
                tenant(bearer(Requests.of("GET", "/ops/status"), acme)));
        same("full.yaml", FullTwin.pipeline(EXAMPLES), corpus, List.of(200, 200, 200, 422, 400, 415, 400, 403, 403,
                204, 200, 403, 200, 200, 401, 200, 200, 429, 0, 401, 401, 200, 0));
    }

    @Test
    void theFullFileAndItsTwinGiveTheGatewayTheSameSettingsAccessLogTracePolicyAndClient() throws Exception {
        GatewayConfig config = load("full.yaml");
        SettingsRecorder twin = FullTwin.settings(new SettingsRecorder(), EXAMPLES.toAbsolutePath());
        try {
            assertEquals(twin.recorded(), config.applyTo(new SettingsRecorder()).recorded());
        } finally {
            ((AutoCloseable) twin.given("accessLog")).close();
            ((AutoCloseable) twin.given("upstreamClient")).close();
            config.close();
        }
    }

    private static void same(String file, Pipeline twin, List<Requests> corpus, List<Integer> expectedStatuses) {
        GatewayConfig config = load(file);
        try {
            assertEquals(twin.describe(), config.describe());
            assertEquals(Decisions.upstreamSettings(twin), Decisions.upstreamSettings(config.pipeline()));
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < corpus.size(); i++) {
                Decision fromFile = normalized(Decisions.run(config.pipeline(), corpus.get(i).build("r" + i)));
                Decision fromCode = normalized(Decisions.run(twin, corpus.get(i).build("r" + i)));
                assertEquals(fromCode, fromFile, file + ", request " + i);
                statuses.add(fromFile.status());
            }
            assertEquals(expectedStatuses, statuses, file);
        } finally {
            config.close();
        }
    }

    /**
     * What is left of a greedily refilled limit, and when limits reset, depend on the time between requests; the
     * decision (status, type, policy fields) must be equal.
     */
    private static Decision normalized(Decision decision) {
        Map<String, List<String>> headers = new LinkedHashMap<>(decision.responseHeaders());
        headers.replaceAll((name, values) -> values.stream().map(value -> name.equals("retry-after")
                || name.equals("x-ratelimit-reset") ? "*" : value.replaceAll(";r=\\d+", ";r=*").replaceAll(";t=\\d+", ";t=*")).toList());
        return new Decision(decision.status(), decision.problemType(), headers, decision.route(), decision.upstream(),
                decision.upstreamPathAndQuery(), decision.upstreamHeaders());
    }

    private static Requests bearer(Requests request, String token) {
        return request.header("Authorization", "Bearer " + token);
    }

    private static Requests key(Requests request, String key) {
        return request.header("X-API-Key", key);
    }

    private static Requests json(Requests request) {
        return request.header("Content-Type", "application/json").body("{}");
    }

    private static Requests tenant(Requests request) {
        return request.header("X-Tenant", "acme");
    }
}
