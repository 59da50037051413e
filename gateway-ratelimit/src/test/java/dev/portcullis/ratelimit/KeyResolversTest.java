package dev.portcullis.ratelimit;

import static dev.portcullis.ratelimit.Exchanges.get;
import static dev.portcullis.ratelimit.Exchanges.request;
import static dev.portcullis.ratelimit.Exchanges.routed;
import static dev.portcullis.ratelimit.Exchanges.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.HttpHeaders;
import dev.portcullis.api.Pipeline;
import dev.portcullis.api.auth.Authentication;
import dev.portcullis.api.auth.GatewayPrincipal;
import dev.portcullis.api.ratelimit.RateLimitInterceptor;
import dev.portcullis.api.ratelimit.RateLimiting;
import dev.portcullis.auth.apikey.ApiKeyAuthenticator;
import dev.portcullis.auth.apikey.ApiKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyResolversTest {
    private static final ApiKeys API_KEYS = ApiKeys.builder()
            .key(ApiKeys.sha256Hex("s3cret-alpha"), "partner", Set.of(), Set.of())
            .key(ApiKeys.sha256Hex("s3cret-beta"), "partner", Set.of(), Set.of())
            .build();

    private static GatewayRequest withHeader(GatewayRequest request, String name, String value) {
        return request.toBuilder().headers(HttpHeaders.builder().add(name, value).build()).build();
    }

    private static GatewayRequest as(GatewayRequest request, String subject) {
        return request.withAttribute(GatewayPrincipal.ATTRIBUTE, GatewayPrincipal.builder(subject, "jwt").build());
    }

    @Test
    void clientIpKeysUseTheResolvedClientAddressNotForwardedHeaders() {
        GatewayRequest spoofed = withHeader(get("203.0.113.7"), "X-Forwarded-For", "198.51.100.1");

        assertEquals(Optional.of("ip:203.0.113.7"), KeyResolvers.clientIp().resolve(spoofed));
    }

    @Test
    void ipv6ClientsOfOneSlash64ShareAKey() {
        Optional<String> one = KeyResolvers.clientIp().resolve(get("2001:db8:1:2::1"));
        Optional<String> other = KeyResolvers.clientIp().resolve(get("2001:db8:1:2:ffff::9"));

        assertEquals(Optional.of("ip:2001:db8:1:2:0:0:0:0/64"), one);
        assertEquals(one, other);
        assertEquals(Optional.of("ip:2001:db8:1:2:0:0:0:1"), KeyResolvers.clientIp(128).resolve(get("2001:db8:1:2::1")));
    }

    @Test
    void subjectKeysNameTheAuthenticatorAndAreEmptyForAnonymousRequests() {
        assertEquals(Optional.of("sub:jwt/alice"), KeyResolvers.subject().resolve(as(get("203.0.113.7"), "alice")));
        assertEquals(Optional.empty(), KeyResolvers.subject().resolve(get("203.0.113.7")));
    }

    @Test
    void theSameSubjectFromTwoIssuersHasTwoKeys() {
        GatewayRequest fromA = get("203.0.113.7").withAttribute(GatewayPrincipal.ATTRIBUTE,
                GatewayPrincipal.builder("42", "jwt").issuer("https://idp-a.test/").build());
        GatewayRequest fromB = get("203.0.113.7").withAttribute(GatewayPrincipal.ATTRIBUTE,
                GatewayPrincipal.builder("42", "jwt").issuer("https://idp-b.test/").build());

        String a = KeyResolvers.subject().resolve(fromA).orElseThrow();
        String b = KeyResolvers.subject().resolve(fromB).orElseThrow();

        assertFalse(a.equals(b), a);
        assertTrue(a.startsWith("sub:jwt/") && a.endsWith("/42"), a);
    }

    @Test
    void apiKeyKeysAreTheAuthenticatedKeysDigestNeverTheSecret() {
        Exchanges.CountingUpstream upstream = new Exchanges.CountingUpstream();
        java.util.concurrent.atomic.AtomicReference<Optional<String>> seen = new java.util.concurrent.atomic.AtomicReference<>();
        Pipeline.builder().add(Authentication.interceptor(ApiKeyAuthenticator.builder(API_KEYS).build())).build()
                .execute(withKey(get("203.0.113.7"), "s3cret-alpha"), request -> {
                    seen.set(KeyResolvers.apiKey().resolve(request));
                    return upstream.handle(request);
                }).toCompletableFuture().join();

        String key = seen.get().orElseThrow();
        assertTrue(key.startsWith("apikey:"), key);
        assertFalse(key.contains("s3cret"), key);
        assertEquals(7 + 22, key.length());
        assertEquals(Optional.empty(), KeyResolvers.apiKey().resolve(withKey(get("203.0.113.7"), "s3cret-alpha")));
    }

    @Test
    void oneApiKeyUsedFromFourAddressesIsLimitedPerKey() {
        Pipeline pipeline = Pipeline.builder()
                .add(Authentication.interceptor(ApiKeyAuthenticator.builder(API_KEYS).build()))
                .add(dailyLimit(2, KeyResolvers.apiKey()))
                .build();
        Exchanges.CountingUpstream upstream = new Exchanges.CountingUpstream();

        List<Integer> alpha = new ArrayList<>();
        for (String ip : List.of("198.51.100.1", "198.51.100.2", "198.51.100.3", "198.51.100.4")) {
            alpha.add(status(pipeline, withKey(get(ip), "s3cret-alpha"), upstream));
        }
        int betaBehindTheSameAddress = status(pipeline, withKey(get("198.51.100.1"), "s3cret-beta"), upstream);

        assertEquals(List.of(200, 200, 429, 429), alpha);
        assertEquals(200, betaBehindTheSameAddress);
    }

    @Test
    void unauthenticatedApiKeyValuesCannotMintBuckets() {
        Pipeline pipeline = Pipeline.builder().add(dailyLimit(1, KeyResolvers.apiKey())).build();
        Exchanges.CountingUpstream upstream = new Exchanges.CountingUpstream();

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            statuses.add(status(pipeline, withKey(get("198.51.100.1"), "junk-" + i), upstream));
        }

        assertEquals(List.of(200, 429, 429, 429, 429), statuses);
        assertEquals(1, upstream.calls.get());
    }

    @Test
    void headerRouteAndCompositeKeysJoinTheirParts() {
        GatewayRequest request = routed(withHeader(get("203.0.113.7"), "X-Tenant", "acme"), Exchanges.route("orders"));

        assertEquals(Optional.of("header:X-Tenant:acme|route:orders"),
                KeyResolvers.composite(KeyResolvers.header("X-Tenant"), KeyResolvers.routeId()).resolve(request));
        assertEquals(Optional.empty(),
                KeyResolvers.composite(KeyResolvers.header("X-Tenant"), KeyResolvers.subject()).resolve(request));
    }

    @Test
    void forgedForwardedForHeadersCannotMintFreshBuckets() {
        RateLimitInterceptor limits = limiting(RateLimitPolicy.builder("per-ip"));
        Exchanges.CountingUpstream upstream = new Exchanges.CountingUpstream();

        run(limits, withHeader(get("203.0.113.7"), "X-Forwarded-For", "198.51.100.1"), upstream);
        int status = run(limits, withHeader(get("203.0.113.7"), "X-Forwarded-For", "198.51.100.2"), upstream).status();

        assertEquals(429, status);
        assertEquals(1, upstream.calls.get());
    }

    @Test
    void requestsWithoutTheConfiguredKeyFallBackToTheClientIpNeverToAFreePass() {
        RateLimitInterceptor limits = limiting(RateLimitPolicy.builder("per-user").key(KeyResolvers.subject()));
        Exchanges.CountingUpstream upstream = new Exchanges.CountingUpstream();

        int alice = run(limits, as(get("203.0.113.7"), "alice"), upstream).status();
        int anonymous = run(limits, get("203.0.113.7"), upstream).status();
        int anonymousAgain = run(limits, get("203.0.113.7"), upstream).status();
        int anonymousElsewhere = run(limits, get("203.0.113.8"), upstream).status();

        assertEquals(200, alice);
        assertEquals(200, anonymous);
        assertEquals(429, anonymousAgain);
        assertEquals(200, anonymousElsewhere);
    }

    @Test
    void aCustomFallbackIsUsedWhenTheKeyIsMissing() {
        RateLimitPolicy policy = RateLimitPolicy.builder("per-user").limit(Limit.interval("m", 1, Duration.ofMinutes(1)))
                .key(KeyResolvers.subject()).fallback(KeyResolvers.header("X-Device")).build();

        assertEquals("header:X-Device:d1", policy.keyOf(withHeader(get("203.0.113.7"), "X-Device", "d1")));
        assertEquals("ip:203.0.113.7", policy.keyOf(get("203.0.113.7")));
        assertEquals("sub:jwt/bob", policy.keyOf(as(request("GET", "/", "203.0.113.7").build(), "bob")));
    }

    @Test
    void badPoliciesFailAtBuildNamingTheSetting() {
        IllegalArgumentException noLimit = assertThrows(IllegalArgumentException.class,
                () -> RateLimitPolicy.builder("api").build());
        IllegalArgumentException cost = assertThrows(IllegalArgumentException.class,
                () -> RateLimitPolicy.builder("api").limit(Limit.greedy("burst", 5, Duration.ofSeconds(1)))
                        .methodCost("POST", 6).build());
        IllegalArgumentException window = assertThrows(IllegalArgumentException.class,
                () -> Limit.greedy("burst", 5, Duration.ofMillis(1500)));
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> RateLimitPolicy.builder("api").limit(Limit.greedy("a", 5, Duration.ofSeconds(1)))
                        .limit(Limit.interval("a", 50, Duration.ofSeconds(60))).build());

        assertEquals("policy api: needs at least one limit", noLimit.getMessage());
        assertEquals("policy api: methodCost(POST) must be 1 to 5 (the smallest quota), was 6", cost.getMessage());
        assertTrue(window.getMessage().startsWith("limit burst: window must be a whole number of seconds"));
        assertEquals("policy api: limit name a is used twice", twice.getMessage());
    }

    private static GatewayRequest withKey(GatewayRequest request, String key) {
        return withHeader(request, "X-API-Key", key);
    }

    private static RateLimitInterceptor dailyLimit(long quota, KeyResolver key) {
        return RateLimiting.interceptor(PolicyRateLimiter.builder(LocalBucketStore.builder().build())
                .defaultPolicy(RateLimitPolicy.builder("exports").limit(Limit.interval("daily", quota, Duration.ofDays(1)))
                        .key(key).build()).build());
    }

    private static int status(Pipeline pipeline, GatewayRequest request, Exchanges.CountingUpstream upstream) {
        return pipeline.execute(request, upstream).toCompletableFuture().join().status();
    }

    private static RateLimitInterceptor limiting(RateLimitPolicy.Builder policy) {
        return RateLimiting.interceptor(PolicyRateLimiter.builder(LocalBucketStore.builder().build())
                .defaultPolicy(policy.limit(Limit.interval("minute", 1, Duration.ofMinutes(1))).build()).build());
    }
}
