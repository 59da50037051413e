package dev.portcullis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.portcullis.api.Chain;
import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.Interceptor;
import dev.portcullis.api.auth.Authenticator;
import dev.portcullis.api.auth.Authenticators;
import dev.portcullis.api.routing.RouteMatch;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.config.testing.Decisions;
import dev.portcullis.config.testing.Requests;
import dev.portcullis.core.Gateway;
import dev.portcullis.core.client.UpstreamClient;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A load that follows another takes over the parts whose settings did not change, and closes only what it must. */
class ReuseAcrossLoadsTest {
    @TempDir
    Path directory;

    private static String[] limited(String maxKeys, String extraRoute) {
        return new String[] {
            "pipeline: [routing, limit]",
            "routes:",
            "  - {id: api, path: /api/**, upstreams: ['http://10.0.0.5:8080']}",
            "  - {id: " + extraRoute + ", path: /" + extraRoute + "/**, upstreams: ['http://10.0.0.6:8080']}",
            "rateLimiting:",
            "  stores: {local: {local: {maxKeys: " + maxKeys + "}}}",
            "  policies: {p: {limits: [{name: b, quota: 2, window: 1h, refill: interval}]}}",
            "  limiters: {limit: {defaultPolicy: p, store: local}}"};
    }

    private static int status(GatewayConfig config) {
        return Decisions.run(config.pipeline(), Requests.of("GET", "/api/x").build("r1")).status();
    }

    @Test
    void bucketsKeepCountingWhenTheStoresSectionIsUnchanged() {
        ConfigFiles files = new ConfigFiles(directory);
        GatewayConfig first = files.load(limited("1000", "web"));
        assertEquals(200, status(first));
        assertEquals(200, status(first));
        GatewayConfig second = files.loader().load(files.write(limited("1000", "shop")), first);
        assertEquals(429, status(second), "the reused store still holds the spent bucket");
        GatewayConfig third = files.loader().load(files.write(limited("2000", "shop")), second);
        assertEquals(200, status(third), "a changed store section is a new store with new buckets");
    }

    @Test
    void anUnchangedAuthenticatorIsTheSameInstanceAndAChangedOneIsNew() {
        ConfigFiles files = new ConfigFiles(directory, Map.of("SECRET", "an-hmac-secret-of-at-least-32-bytes!"));
        GatewayConfig first = files.load(authenticated("60s"));
        GatewayConfig same = files.loader().load(files.write(authenticated("60s")), first);
        GatewayConfig changed = files.loader().load(files.write(authenticated("30s")), same);
        assertSame(authenticatorOf(first), authenticatorOf(same));
        assertNotSame(authenticatorOf(same), authenticatorOf(changed));
    }

    private static String[] authenticated(String clockSkew) {
        return new String[] {
            "pipeline: [routing, authentication]",
            "routes: [{id: api, upstreams: ['http://10.0.0.5:8080'], authenticators: [staff]}]",
            "authenticators:",
            "  staff: {jwt: {issuers: [{issuer: 'https://idp.example', hmacSecret: '${SECRET}', algorithms: [HS256],"
                    + " clockSkew: " + clockSkew + "}]}}",
            "authentication: {defaults: [staff]}"};
    }

    private static Authenticator authenticatorOf(GatewayConfig config) {
        CompletableFuture<RouteMatch> match = new CompletableFuture<>();
        config.pipeline().execute(Requests.of("GET", "/x").build("r1"), request -> {
            match.complete(request.attribute(Routing.MATCH).orElseThrow());
            return CompletableFuture.completedFuture(GatewayResponse.builder(200).build());
        });
        Authenticators chosen = match.join().route().metadata().get(Authenticators.KEY).orElseThrow();
        return chosen.list().get(0);
    }

    @Test
    void theClientOfAnUnchangedSectionCarriesOverAndAReplacedOneIsClosedAfterwards() {
        ConfigFiles files = new ConfigFiles(directory);
        GatewayConfig first = files.load(withClient("8"));
        GatewayConfig same = files.loader().load(files.write(withClient("8")), first);
        assertSame(clientOf(first), clientOf(same));
        GatewayConfig changed = files.loader().load(files.write(withClient("16")), same);
        UpstreamClient replaced = clientOf(same);
        assertNotSame(replaced, clientOf(changed));
        same.closeExcept(changed);
        assertThrows(Exception.class, () -> replaced.exchange(null).join(), "the replaced client is closed");
        changed.close();
    }

    @Test
    void aFileWithoutAClientSectionKeepsTheClientThePreviousFileMade() {
        ConfigFiles files = new ConfigFiles(directory);
        GatewayConfig first = files.load(withClient("8"));
        GatewayConfig next = files.loader().load(files.write("pipeline: [routing]",
                "routes: [{id: api, upstreams: ['http://10.0.0.5:8080']}]"), first);
        assertSame(clientOf(first), clientOf(next));
        first.closeExcept(next);
        next.close();
    }

    @Test
    void aFailedLoadClosesWhatItBuiltAndLeavesThePreviousPartsOpen() {
        ConfigFiles files = new ConfigFiles(directory);
        CountingStage.closed.set(0);
        InterceptorRegistry registry = InterceptorRegistry.builder()
                .addFactory("counting", settings -> new CountingStage()).build();
        GatewayConfig.Loader loader = files.loader().interceptors(registry);
        GatewayConfig first = loader.load(files.write("pipeline: [counting]", "interceptors: {counting: {v: 1}}"));
        assertThrows(ConfigException.class, () -> loader.load(files.write("pipeline: [counting, guards]",
                "interceptors: {counting: {v: 2}}", "guards: {maxUriLength: 0}"), first));
        assertEquals(1, CountingStage.closed.get(), "the new stage of the failed load was closed");
        GatewayConfig same = loader.load(files.write("pipeline: [counting]", "interceptors: {counting: {v: 1}}"),
                first);
        first.closeExcept(same);
        assertEquals(1, CountingStage.closed.get(), "the unchanged stage carried over and stays open");
        same.close();
        assertEquals(2, CountingStage.closed.get());
    }

    private static String[] withClient(String maxConnections) {
        return new String[] {
            "pipeline: [routing]",
            "client: {type: jetty, maxConnectionsPerDestination: " + maxConnections + "}",
            "routes: [{id: api, upstreams: ['http://10.0.0.5:8080']}]"};
    }

    private static UpstreamClient clientOf(GatewayConfig config) {
        try (Gateway gateway = config.applyTo(Gateway.builder()).build()) {
            return gateway.upstreamClient();
        }
    }

    /** A custom stage that counts how often one of its kind was closed. */
    static final class CountingStage implements Interceptor, AutoCloseable {
        static final AtomicInteger closed = new AtomicInteger();

        @Override
        public CompletionStage<GatewayResponse> intercept(Chain chain) {
            return chain.proceed(chain.request());
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }
}
