package dev.portcullis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.portcullis.api.auth.AuthResult;
import dev.portcullis.api.auth.Authenticator;
import dev.portcullis.api.auth.GatewayPrincipal;
import dev.portcullis.auth.apikey.ApiKeyStore;
import dev.portcullis.auth.apikey.ApiKeys;
import dev.portcullis.config.testing.Decisions;
import dev.portcullis.config.testing.Decisions.Decision;
import dev.portcullis.config.testing.Requests;
import dev.portcullis.ratelimit.BucketStore;
import dev.portcullis.ratelimit.LocalBucketStore;
import dev.portcullis.servlet.GatewayFilter;
import dev.portcullis.servlet.it.AppServlet;
import dev.portcullis.servlet.it.Http;
import dev.portcullis.servlet.it.RunningServer;
import dev.portcullis.servlet.it.ServletContainer;
import dev.portcullis.servlet.it.TestUpstream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The file names authenticators, API-key stores and bucket stores the application registered as parts, and only
 * registered ones.
 */
class CustomPartsTest {
    private static final Authenticator PARTNERS = request -> CompletableFuture.completedFuture(
            request.headers().first("X-Partner")
                    .map(partner -> AuthResult.authenticated(GatewayPrincipal.builder(partner, "partners").build(),
                            request))
                    .orElse(AuthResult.abstain()));

    @TempDir
    Path directory;

    private final AtomicInteger bucketCalls = new AtomicInteger();

    private InterceptorRegistry registry() {
        BucketStore local = LocalBucketStore.builder().build();
        BucketStore counting = (key, policy, cost) -> {
            bucketCalls.incrementAndGet();
            return local.tryConsume(key, policy, cost);
        };
        return InterceptorRegistry.builder()
                .addPart(Authenticator.class, "partner-auth", PARTNERS)
                .addPart(ApiKeyStore.class, "db-keys", ApiKeys.builder()
                        .key(ApiKeys.sha256Hex("partner-key"), "reporting", Set.of(), Set.of()).build())
                .addPart(BucketStore.class, "shared-buckets", counting)
                .build();
    }

    private GatewayConfig load(String... lines) {
        return GatewayConfig.loader().interceptors(registry()).load(new ConfigFiles(directory).write(lines));
    }

    private List<String> problems(String... lines) {
        return GatewayConfig.loader().interceptors(registry()).check(new ConfigFiles(directory).write(lines))
                .stream().map(ConfigProblem::toString).map(text -> text.replace(directory + "/", "")).toList();
    }

    static Stream<ServletContainer> containers() {
        return ServletContainer.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containers")
    void aRegisteredAuthenticatorNamedByTheFileLetsItsCallersThroughTheRealFilterAndChallengesOthers(
            ServletContainer container) throws Exception {
        try (TestUpstream upstream = TestUpstream.start(TestUpstream.echo());
             GatewayConfig config = load(
                     "pipeline: [routing, authentication, authorization]",
                     "routes: [{id: api, path: /api/**, upstreams: ['" + upstream.baseUri() + "']}]",
                     "authenticators:",
                     "  partners: {custom: partner-auth}",
                     "authentication: {defaults: [partners]}");
             RunningServer server = container.start(config.applyTo(GatewayFilter.builder()).build(),
                     new AppServlet())) {
            URI uri = server.uri("/api/orders");
            HttpResponse<String> partner = Http.send(HttpRequest.newBuilder(uri).header("X-Partner", "acme").build());
            assertEquals(200, partner.statusCode(), partner.body());
            HttpResponse<String> stranger = Http.get(uri);
            assertEquals(401, stranger.statusCode(), stranger.body());
            assertEquals("application/problem+json", stranger.headers().firstValue("Content-Type").orElseThrow());
        }
    }

    @Test
    void anApiKeyAuthenticatorLooksKeysUpInTheRegisteredStore() {
        try (GatewayConfig config = load(
                "pipeline: [routing, authentication]",
                "routes: [{id: reports, path: /reports/**, upstreams: ['http://10.0.0.5:8080']}]",
                "authenticators:",
                "  keys: {apiKeys: {customStore: db-keys, header: X-Key}}",
                "authentication: {defaults: [keys]}")) {
            Decision known = Decisions.run(config.pipeline(),
                    Requests.of("GET", "/reports/1").header("X-Key", "partner-key").build("r1"));
            assertEquals(200, known.status());
            Decision unknown = Decisions.run(config.pipeline(),
                    Requests.of("GET", "/reports/1").header("X-Key", "another-key").build("r2"));
            assertEquals(401, unknown.status());
        }
    }

    @Test
    void aLimiterTakesItsBucketsFromTheRegisteredStore() {
        try (GatewayConfig config = load(
                "pipeline: [routing, limit]",
                "routes: [{id: api, path: /api/**, upstreams: ['http://10.0.0.5:8080']}]",
                "rateLimiting:",
                "  stores: {shared: {custom: shared-buckets}}",
                "  policies: {p: {limits: [{name: b, quota: 1, window: 1h, refill: greedy}], key: client-ip}}",
                "  limiters: {limit: {defaultPolicy: p, store: shared}}")) {
            assertEquals(200, Decisions.run(config.pipeline(), Requests.of("GET", "/api/x").build("r1")).status());
            assertEquals(429, Decisions.run(config.pipeline(), Requests.of("GET", "/api/x").build("r2")).status());
            assertEquals(2, bucketCalls.get());
        }
    }

    @Test
    void anUnregisteredNameIsRefusedAtItsSettingWithTheNearestRegisteredOne() {
        assertEquals(List.of(
                "gateway.yaml:4:22: authenticators.partners.custom: no custom authenticator is registered as "
                        + "'partner-auht'; did you mean 'partner-auth'?",
                "gateway.yaml:5:33: authenticators.keys.apiKeys.customStore: no custom API-key store is registered "
                        + "as 'db-key'; did you mean 'db-keys'?",
                "gateway.yaml:8:29: rateLimiting.stores.shared.custom: no custom bucket store is registered as "
                        + "'shared-bucket'; did you mean 'shared-buckets'?"),
                problems(
                        "pipeline: [routing, authentication, limit]",
                        "routes: [{id: api, path: /api/**, upstreams: ['http://10.0.0.5:8080']}]",
                        "authenticators:",
                        "  partners: {custom: partner-auht}",
                        "  keys: {apiKeys: {customStore: db-key}}",
                        "authentication: {defaults: [partners, keys]}",
                        "rateLimiting:",
                        "  stores: {shared: {custom: shared-bucket}}",
                        "  policies: {p: {limits: [{name: b, quota: 1, window: 1h, refill: greedy}], key: client-ip}}",
                        "  limiters: {limit: {defaultPolicy: p, store: shared}}"));
    }

    @Test
    void aCustomStoreTogetherWithListedKeysIsRefused() {
        assertEquals(List.of("gateway.yaml:4:128: authenticators.keys.apiKeys.customStore: set keys and files, or "
                        + "customStore, not both"),
                problems(
                        "pipeline: [routing, authentication]",
                        "routes: [{id: api, path: /api/**, upstreams: ['http://10.0.0.5:8080']}]",
                        "authenticators:",
                        "  keys: {apiKeys: {keys: [{sha256: '" + ApiKeys.sha256Hex("k") + "', name: k}], customStore: db-keys}}",
                        "authentication: {defaults: [keys]}"));
    }

    @Test
    void aPartOfAKindTheFileCannotNameOrANameGivenTwiceIsRefused() {
        InterceptorRegistry.Builder builder = InterceptorRegistry.builder()
                .addPart(Authenticator.class, "same", PARTNERS)
                .addPart(BucketStore.class, "same", LocalBucketStore.builder().build());
        assertEquals("the custom authenticator 'same' is registered twice", assertThrows(
                IllegalArgumentException.class, () -> builder.addPart(Authenticator.class, "same", PARTNERS))
                .getMessage());
        assertEquals("the configuration file names no java.lang.Runnable; custom parts are Authenticator, "
                        + "ApiKeyStore and BucketStore",
                assertThrows(IllegalArgumentException.class, () -> builder.addPart(Runnable.class, "r", () -> { }))
                        .getMessage());
        assertEquals(Set.of("same"), builder.build().parts(BucketStore.class).keySet());
    }
}
