package dev.portcullis.auth.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.HttpHeaders;
import dev.portcullis.api.ProblemTypes;
import dev.portcullis.api.auth.Authentication;
import dev.portcullis.auth.BearerTokenSource;
import dev.portcullis.auth.ClaimHeaders;
import dev.portcullis.auth.ClaimsMapping;
import dev.portcullis.auth.Exchanges;
import dev.portcullis.auth.MutableClock;
import dev.portcullis.auth.TestServer;
import dev.portcullis.auth.Tokens;
import dev.portcullis.auth.apikey.ApiKeyAuthenticator;
import dev.portcullis.auth.apikey.ApiKeys;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JwtAuthenticatorTest {
    static final RSAKey RSA = Tokens.rsa("rsa-1");
    static final ECKey EC = Tokens.ec("ec-1");
    static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

    final MutableClock clock = new MutableClock(START);
    TestServer jwks;

    @AfterEach
    void stopServer() {
        if (jwks != null) {
            jwks.close();
        }
    }

    Authentication jwksAuthentication(String... jwksBody) throws Exception {
        jwks = new TestServer();
        jwks.answer(200, jwksBody.length == 0 ? Tokens.jwks(RSA) : jwksBody[0]);
        JwtIssuer issuer = JwtIssuer.builder(Tokens.ISSUER).jwksUri(jwks.uri()).audiences("shop-api")
                .jwksTimeouts(Duration.ofSeconds(2), Duration.ofMillis(500))
                .claimsMapping(ClaimsMapping.builder().rolesClaim("realm_access.roles").build()).build();
        return Authentication.interceptor(JwtAuthenticator.builder().issuer(issuer).clock(clock).build());
    }

    @Test
    void rs256TokenFromJwksAuthenticatesWithScopesAndRoles() throws Exception {
        Authentication auth = jwksAuthentication();
        GatewayResponse response = Exchanges.run(Exchanges.bearer(Tokens.rs256(RSA, Tokens.claims(START).build())), auth);
        assertEquals(200, response.status());
        assertEquals("alice", response.headers().first("X-Principal").orElseThrow());
        assertEquals("orders:read profile", response.headers().first("X-Scopes").orElseThrow());
        assertEquals("admin user", response.headers().first("X-Roles").orElseThrow());
    }

    @Test
    void es256TokenVerifiesAgainstAnInlineKeySet() {
        JwtIssuer issuer = JwtIssuer.builder(Tokens.ISSUER).jwkSetJson(Tokens.jwks(EC)).algorithms("ES256").build();
        Authentication auth = Authentication.interceptor(JwtAuthenticator.builder().issuer(issuer).clock(clock).build());
        GatewayResponse response = Exchanges.run(Exchanges.bearer(Tokens.es256(EC, Tokens.claims(START).build())), auth);
        assertEquals("alice", response.headers().first("X-Principal").orElseThrow());
    }

    @Test
    void edDsaTokenVerifiesWithTheJdkEd25519ProviderWithoutTink() {
        Tokens.Ed25519 ed = Tokens.Ed25519.generate("ed-1");
        JwtIssuer issuer = JwtIssuer.builder(Tokens.ISSUER).jwkSetJson(Tokens.jwks(ed.jwk())).algorithms("EdDSA").build();
        Authentication auth = Authentication.interceptor(JwtAuthenticator.builder().issuer(issuer).clock(clock).build());
        assertEquals(200, Exchanges.run(Exchanges.bearer(ed.sign(Tokens.claims(START).build())), auth).status());
        Tokens.Ed25519 other = Tokens.Ed25519.generate("ed-1");
        assertEquals(401, Exchanges.run(Exchanges.bearer(other.sign(Tokens.claims(START).build())), auth).status());
    }

    @Test
    void hs256TokenVerifiesWithAConfiguredSecret() {
        byte[] secret = "0123456789abcdef0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        JwtIssuer issuer = JwtIssuer.builder(Tokens.ISSUER).hmacSecret(secret).algorithms("HS256").build();
        Authentication auth = Authentication.interceptor(JwtAuthenticator.builder().issuer(issuer).clock(clock).build());
        assertEquals(200, Exchanges.run(Exchanges.bearer(Tokens.hs256(secret, Tokens.claims(START).build())), auth).status());
    }

    @Test
    void hmacSecretShorterThan256BitsFailsAtBuildNamingTheSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JwtIssuer.builder(Tokens.ISSUER)
                .hmacSecret(new byte[31]).algorithms("HS256").build());
        assertTrue(e.getMessage().contains("hmacSecret"), e.getMessage());
    }

    @Test
    void issuerMixingHmacAndPublicKeyAlgorithmsFailsAtBuild() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JwtIssuer.builder(Tokens.ISSUER)
                .jwkSetJson(Tokens.jwks(RSA)).algorithms("RS256", "HS256").build());
        assertTrue(e.getMessage().contains("algorithms"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> JwtIssuer.builder(Tokens.ISSUER)
                .jwkSetJson(Tokens.jwks(RSA)).algorithms("none").build());
    }

    @Test
    void rejectionIsAProblemWithAnInvalidTokenChallenge() throws Exception {
        Authentication auth = jwksAuthentication();
        String expired = Tokens.rs256(RSA, Tokens.claims(START.minusSeconds(3600)).build());
        GatewayResponse response = Exchanges.run(Exchanges.bearer(expired), auth);
        assertEquals(401, response.status());
        assertEquals(ProblemTypes.UNAUTHORIZED, response.problem().orElseThrow().type());
        assertEquals("Bearer error=\"invalid_token\", error_description=\"The token has expired.\"",
                response.headers().first("WWW-Authenticate").orElseThrow());
    }

    @Test
    void cachedTokenStopsWorkingWhenItExpires() throws Exception {
        Authentication auth = jwksAuthentication();
        String token = Tokens.rs256(RSA, Tokens.claims(START).build());
        assertEquals(200, Exchanges.run(Exchanges.bearer(token), auth).status());
        clock.advance(Duration.ofSeconds(300 + 59));
        assertEquals(200, Exchanges.run(Exchanges.bearer(token), auth).status());
        clock.advance(Duration.ofSeconds(2));
        assertEquals(401, Exchanges.run(Exchanges.bearer(token), auth).status());
    }

    @Test
    void aCachedTokenIsRefusedOnceARefreshRemovesItsKeyAndKeptAfterARefreshThatKeepsIt() throws Exception {
        Authentication auth = jwksAuthentication();
        String token = Tokens.rs256(RSA, Tokens.claims(START).build());
        assertEquals(200, Exchanges.run(Exchanges.bearer(token), auth).status());
        RSAKey rotated = Tokens.rsa("rsa-2");
        jwks.answer(200, Tokens.jwks(RSA, rotated));
        String fresh = Tokens.rs256(rotated, Tokens.claims(START).build());
        assertEquals(200, Exchanges.run(Exchanges.bearer(fresh), auth).status());
        assertEquals(2, jwks.hits(), "the new kid refreshed the key set");
        assertEquals(200, Exchanges.run(Exchanges.bearer(token), auth).status(), "a refresh that keeps the key");
        jwks.answer(200, Tokens.jwks(rotated));
        clock.advance(Duration.ofSeconds(31));
        RSAKey third = Tokens.rsa("rsa-3");
        assertEquals(401, Exchanges.run(Exchanges.bearer(Tokens.rs256(third, Tokens.claims(START).build())), auth).status());
        assertEquals(3, jwks.hits(), "an unknown kid after the interval refreshed the key set without rsa-1");

        GatewayResponse removed = Exchanges.run(Exchanges.bearer(token), auth);

        assertEquals(401, removed.status());
        assertTrue(removed.headers().first("WWW-Authenticate").orElseThrow().contains("error=\"invalid_token\""));
        assertEquals(200, Exchanges.run(Exchanges.bearer(fresh), auth).status(), "the kept key's cached token");
    }

    @Test
    void keyRotatedAtTheIdentityProviderIsPickedUpWithoutRestart() throws Exception {
        Authentication auth = jwksAuthentication();
        assertEquals(200, Exchanges.run(Exchanges.bearer(Tokens.rs256(RSA, Tokens.claims(START).build())), auth).status());
        RSAKey rotated = Tokens.rsa("rsa-2");
        jwks.answer(200, Tokens.jwks(rotated));
        clock.advance(Duration.ofSeconds(31));
        String fresh = Tokens.rs256(rotated, Tokens.claims(clock.instant()).build());
        assertEquals(200, Exchanges.run(Exchanges.bearer(fresh), auth).status());
        assertEquals(2, jwks.hits());
    }

    @Test
    void aKeyRotatedSecondsAfterTheInitialFetchIsAcceptedOnItsFirstUse() throws Exception {
        Authentication auth = jwksAuthentication();
        assertEquals(200, Exchanges.run(Exchanges.bearer(Tokens.rs256(RSA, Tokens.claims(START).build())), auth).status());
        RSAKey rotated = Tokens.rsa("rsa-2");
        jwks.answer(200, Tokens.jwks(RSA, rotated));
        clock.advance(Duration.ofSeconds(1));
        String fresh = Tokens.rs256(rotated, Tokens.claims(clock.instant()).build());
        assertEquals(200, Exchanges.run(Exchanges.bearer(fresh), auth).status());
        assertEquals(2, jwks.hits());
        RSAKey unknown = Tokens.rsa("rsa-3");
        assertEquals(401, Exchanges.run(Exchanges.bearer(Tokens.rs256(unknown, Tokens.claims(clock.instant()).build())), auth).status());
        assertEquals(2, jwks.hits(), "a second unknown kid within the interval after an on-demand refetch fetches nothing");
    }

    @Test
    void keysAreRefetchedAheadOfTheirExpiry() throws Exception {
        Authentication auth = jwksAuthentication();
        jwks.cacheControl("max-age=120");
        String token = Tokens.rs256(RSA, Tokens.claims(START).build());
        assertEquals(200, Exchanges.run(Exchanges.bearer(token), auth).status());
        clock.advance(Duration.ofSeconds(100));
        assertEquals(200, Exchanges.run(Exchanges.bearer(Tokens.rs256(RSA, Tokens.claims(START.plusSeconds(1)).build())), auth).status());
        assertTrue(jwks.awaitServed(2), "the background refetch reached the JWKS endpoint");
        assertEquals(2, jwks.hits());
    }

    @Test
    void floodOfRandomKeyIdsCausesABoundedNumberOfJwksFetches() throws Exception {
        Authentication auth = jwksAuthentication();
        for (int i = 0; i < 200; i++) {
            RSAKey forged = new RSAKey.Builder(RSA).keyID("random-" + i).build();
            GatewayResponse response = Exchanges.run(Exchanges.bearer(Tokens.rs256(forged, Tokens.claims(START).build())), auth);
            assertEquals(401, response.status());
            if (i % 50 == 49) {
                clock.advance(Duration.ofSeconds(31));
            }
        }
        assertTrue(jwks.hits() <= 5, "fetches: " + jwks.hits());
    }

    @Test
    void unreachableJwksAnswers503WithRetryAfterNever500() throws Exception {
        Authentication auth = jwksAuthentication();
        jwks.answer(500, "{\"error\":\"down\"}");
        GatewayResponse response = Exchanges.run(Exchanges.bearer(Tokens.rs256(RSA, Tokens.claims(START).build())), auth);
        assertEquals(503, response.status());
        assertEquals(ProblemTypes.SERVICE_UNAVAILABLE, response.problem().orElseThrow().type());
        assertEquals("30", response.headers().first("Retry-After").orElseThrow());
        Exchanges.run(Exchanges.bearer(Tokens.rs256(RSA, Tokens.claims(START).build())), auth);
        assertEquals(1, jwks.hits(), "a failed fetch is not retried before the refetch interval");
    }

    @Test
    void slowJwksTimesOutInto503() throws Exception {
        Authentication auth = jwksAuthentication();
        jwks.stall();
        assertEquals(503, Exchanges.run(Exchanges.bearer(Tokens.rs256(RSA, Tokens.claims(START).build())), auth).status());
    }

    @Test
    void jwksWhoseBodyStallsAnswers503AndALaterRequestFetchesAfresh() throws Exception {
        Authentication auth = jwksAuthentication();
        jwks.stallBody(true);
        GatewayResponse stalled = Exchanges.run(Exchanges.bearer(Tokens.rs256(RSA, Tokens.claims(START).build())), auth);
        assertEquals(503, stalled.status());
        assertEquals("30", stalled.headers().first("Retry-After").orElseThrow());
        jwks.stallBody(false);
        clock.advance(Duration.ofSeconds(31));
        String later = Tokens.rs256(RSA, Tokens.claims(clock.instant()).build());
        assertEquals(200, Exchanges.run(Exchanges.bearer(later), auth).status());
        assertEquals(2, jwks.hits(), "the recovered endpoint was asked again");
    }

    @Test
    void hugeJwksIsRefusedInto503() throws Exception {
        Authentication auth = jwksAuthentication("{\"keys\":[],\"pad\":\"" + "x".repeat(300_000) + "\"}");
        assertEquals(503, Exchanges.run(Exchanges.bearer(Tokens.rs256(RSA, Tokens.claims(START).build())), auth).status());
    }

    @Test
    void keysStayInUseWhileTheJwksIsDownAfterTheyExpire() throws Exception {
        Authentication auth = jwksAuthentication();
        assertEquals(200, Exchanges.run(Exchanges.bearer(Tokens.rs256(RSA, Tokens.claims(START).build())), auth).status());
        jwks.answer(500, "{}");
        clock.advance(Duration.ofMinutes(10));
        String later = Tokens.rs256(RSA, Tokens.claims(clock.instant()).build());
        assertEquals(200, Exchanges.run(Exchanges.bearer(later), auth).status());
    }

    @Test
    void twoDifferentTokensInOneRequestAreRejected() throws Exception {
        Authentication auth = jwksAuthentication();
        JwtAuthenticator both = JwtAuthenticator.builder().issuer(JwtIssuer.builder(Tokens.ISSUER)
                .jwkSetJson(Tokens.jwks(RSA)).build()).clock(clock)
                .tokenSource(BearerTokenSource.builder().queryParameter("access_token").build()).build();
        String a = Tokens.rs256(RSA, Tokens.claims(START).build());
        String b = Tokens.rs256(RSA, Tokens.claims(START.plusSeconds(1)).build());
        GatewayResponse response = Exchanges.run(Exchanges.request("/api?access_token=" + b)
                .headers(HttpHeaders.builder().add("Authorization", "Bearer " + a).build()).build(),
                Authentication.interceptor(both));
        assertEquals(400, response.status());
        assertEquals(ProblemTypes.BAD_REQUEST, response.problem().orElseThrow().type());
        assertTrue(response.headers().first("WWW-Authenticate").orElseThrow().contains("invalid_request"));
        assertFalse(auth.name().isEmpty());
    }

    @Test
    void aBearerValueWithASpaceIsAnInvalidTokenAnswered401() throws Exception {
        Authentication auth = jwksAuthentication();
        GatewayResponse response = Exchanges.run(Exchanges.request("/api")
                .headers(HttpHeaders.builder().add("Authorization", "Bearer a b").build()).build(), auth);
        assertEquals(401, response.status());
        assertTrue(response.headers().first("WWW-Authenticate").orElseThrow().contains("error=\"invalid_token\""));
    }

    @Test
    void queryParameterTokenIsRemovedFromTheForwardedUrl() {
        JwtAuthenticator jwt = JwtAuthenticator.builder().issuer(JwtIssuer.builder(Tokens.ISSUER)
                .jwkSetJson(Tokens.jwks(RSA)).build()).clock(clock)
                .tokenSource(BearerTokenSource.builder().queryParameter("access_token").build()).build();
        String token = Tokens.rs256(RSA, Tokens.claims(START).build());
        GatewayResponse response = Exchanges.run(
                Exchanges.request("/api?a=1&access_token=" + token + "&b=%20").build(), Authentication.interceptor(jwt));
        assertEquals(200, response.status());
        assertEquals("a=1&b=%20", response.headers().first("X-Query").orElseThrow());
    }

    @Test
    void bearerSchemeIsCaseInsensitiveAndCookieTokensAreRead() {
        JwtAuthenticator jwt = JwtAuthenticator.builder().issuer(JwtIssuer.builder(Tokens.ISSUER)
                .jwkSetJson(Tokens.jwks(RSA)).build()).clock(clock)
                .tokenSource(BearerTokenSource.builder().cookie("at").build()).build();
        String token = Tokens.rs256(RSA, Tokens.claims(START).build());
        assertEquals(200, Exchanges.run(Exchanges.request("/").headers(HttpHeaders.builder()
                .add("Authorization", "bEaReR " + token).build()).build(), Authentication.interceptor(jwt)).status());
        assertEquals(200, Exchanges.run(Exchanges.request("/").headers(HttpHeaders.builder()
                .add("Cookie", "theme=dark; at=" + token).build()).build(), Authentication.interceptor(jwt)).status());
    }

    @Test
    void requestWithoutTokenPassesAnonymouslyToAuthorization() {
        JwtAuthenticator jwt = JwtAuthenticator.builder().issuer(JwtIssuer.builder(Tokens.ISSUER)
                .jwkSetJson(Tokens.jwks(RSA)).build()).build();
        GatewayResponse response = Exchanges.run(Exchanges.request("/").build(), Authentication.interceptor(jwt));
        assertEquals(200, response.status());
        assertTrue(response.headers().first("X-Principal").isEmpty());
    }

    @Test
    void severalIssuersEachVerifyWithTheirOwnKeys() {
        JwtAuthenticator jwt = JwtAuthenticator.builder().clock(clock)
                .issuer(JwtIssuer.builder(Tokens.ISSUER).jwkSetJson(Tokens.jwks(RSA)).build())
                .issuer(JwtIssuer.builder("https://other.test/").jwkSetJson(Tokens.jwks(EC)).algorithms("ES256").build())
                .build();
        Authentication auth = Authentication.interceptor(jwt);
        String other = Tokens.es256(EC, Tokens.claims(START).issuer("https://other.test/").build());
        assertEquals(200, Exchanges.run(Exchanges.bearer(other), auth).status());
        String crossed = Tokens.es256(EC, Tokens.claims(START).build());
        assertEquals(401, Exchanges.run(Exchanges.bearer(crossed), auth).status());
    }

    @Test
    void theSameSubjectFromTwoIssuersIsTwoPrincipalsAndTheIssuerCanBeForwarded() throws Exception {
        JwtAuthenticator jwt = JwtAuthenticator.builder().clock(clock)
                .issuer(JwtIssuer.builder(Tokens.ISSUER).jwkSetJson(Tokens.jwks(RSA)).build())
                .issuer(JwtIssuer.builder("https://other.test/").jwkSetJson(Tokens.jwks(EC)).algorithms("ES256").build())
                .build();
        ClaimHeaders headers = ClaimHeaders.builder().claim("sub", "X-User-Id").claim("iss", "X-User-Issuer").build();
        java.util.List<dev.portcullis.api.auth.GatewayPrincipal> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        dev.portcullis.api.Pipeline pipeline = dev.portcullis.api.Pipeline.builder()
                .add(Authentication.interceptor(jwt)).add(headers).build();
        dev.portcullis.api.Handler capture = request -> {
            request.attribute(dev.portcullis.api.auth.GatewayPrincipal.ATTRIBUTE).ifPresent(seen::add);
            return Exchanges.TERMINAL.handle(request);
        };

        GatewayResponse first = pipeline.execute(Exchanges.bearer(Tokens.rs256(RSA, Tokens.claims(START).build())),
                capture).toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
        GatewayResponse second = pipeline.execute(Exchanges.bearer(Tokens.es256(EC,
                Tokens.claims(START).issuer("https://other.test/").build())), capture)
                .toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);

        assertEquals("alice", seen.get(0).name());
        assertEquals("alice", seen.get(1).name());
        assertEquals(java.util.Optional.of(Tokens.ISSUER), seen.get(0).issuer());
        assertEquals(java.util.Optional.of("https://other.test/"), seen.get(1).issuer());
        assertFalse(seen.get(0).equals(seen.get(1)));
        assertEquals(Tokens.ISSUER, first.headers().first("Echo-X-User-Issuer").orElseThrow());
        assertEquals("https://other.test/", second.headers().first("Echo-X-User-Issuer").orElseThrow());
    }

    @Test
    void aTokenCookieNeverReachesTheUpstreamButOtherCookiesDo() {
        JwtAuthenticator jwt = JwtAuthenticator.builder().issuer(JwtIssuer.builder(Tokens.ISSUER)
                .jwkSetJson(Tokens.jwks(RSA)).build()).clock(clock)
                .tokenSource(BearerTokenSource.builder().cookie("at").build()).build();
        String token = Tokens.rs256(RSA, Tokens.claims(START).build());

        GatewayResponse response = Exchanges.run(Exchanges.request("/").headers(HttpHeaders.builder()
                .add("Cookie", "theme=dark; at=" + token + "; lang=en").build()).build(), Authentication.interceptor(jwt));

        assertEquals(200, response.status());
        assertEquals("theme=dark; lang=en", response.headers().first("Echo-Cookie").orElseThrow());
    }

    @Test
    void anApiKeySentNextToAWinningJwtIsNotForwarded() {
        JwtAuthenticator jwt = JwtAuthenticator.builder().issuer(JwtIssuer.builder(Tokens.ISSUER)
                .jwkSetJson(Tokens.jwks(RSA)).build()).clock(clock).build();
        ApiKeyAuthenticator apiKeys = ApiKeyAuthenticator.builder(ApiKeys.builder().build()).build();
        String token = Tokens.rs256(RSA, Tokens.claims(START).build());

        GatewayResponse response = Exchanges.run(Exchanges.request("/").headers(HttpHeaders.builder()
                .add("Authorization", "Bearer " + token).add("X-API-Key", "k-secret").build()).build(),
                Authentication.interceptor(jwt, apiKeys));

        assertEquals("alice", response.headers().first("X-Principal").orElseThrow());
        assertFalse(response.headers().contains("Echo-X-API-Key"));
    }

    @Test
    void anOpaqueTokenCookieOfAnAnonymousRequestIsStrippedToo() {
        JwtAuthenticator jwt = JwtAuthenticator.builder().issuer(JwtIssuer.builder(Tokens.ISSUER)
                .jwkSetJson(Tokens.jwks(RSA)).build()).clock(clock).passOpaqueTokens(true)
                .tokenSource(BearerTokenSource.builder().cookie("at").build()).build();

        GatewayResponse response = Exchanges.run(Exchanges.request("/").headers(HttpHeaders.builder()
                .add("Cookie", "at=opaque-session-token").build()).build(), Authentication.interceptor(jwt));

        assertEquals(200, response.status());
        assertTrue(response.headers().first("X-Principal").isEmpty());
        assertFalse(response.headers().contains("Echo-Cookie"));
    }
}
