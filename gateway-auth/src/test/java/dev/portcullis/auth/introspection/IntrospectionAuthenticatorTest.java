package dev.portcullis.auth.introspection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.auth.AuthResult;
import dev.portcullis.api.auth.Authentication;
import dev.portcullis.auth.Exchanges;
import dev.portcullis.auth.MutableClock;
import dev.portcullis.auth.TestServer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IntrospectionAuthenticatorTest {
    static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    final MutableClock clock = new MutableClock(NOW);
    TestServer idp;

    @BeforeEach
    void start() throws Exception {
        idp = new TestServer();
        idp.answer(200, "{\"active\":true,\"sub\":\"bob\",\"scope\":\"orders:read\",\"aud\":\"shop-api\",\"exp\":"
                + NOW.plusSeconds(30).getEpochSecond() + "}");
    }

    @AfterEach
    void stop() {
        idp.close();
    }

    Authentication authentication(IntrospectionAuthenticator.ClientAuth auth) {
        return Authentication.interceptor(IntrospectionAuthenticator.builder(idp.uri())
                .client("gateway", "s3cr:et", auth).audiences("shop-api").clock(clock)
                .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(3)).build());
    }

    IntrospectionAuthenticator.Builder authenticator() {
        return IntrospectionAuthenticator.builder(idp.uri())
                .client("gateway", "s3cr:et", IntrospectionAuthenticator.ClientAuth.BASIC).audiences("shop-api")
                .clock(clock).timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    static AuthResult await(CompletableFuture<AuthResult> result) throws Exception {
        return result.get(10, TimeUnit.SECONDS);
    }

    static String principal(AuthResult result) {
        assertTrue(result instanceof AuthResult.Authenticated, String.valueOf(result));
        return ((AuthResult.Authenticated) result).principal().name();
    }

    @Test
    void concurrentRequestsWithOneTokenShareASingleIntrospectionCall() throws Exception {
        int n = 8;
        idp.stall();
        IntrospectionAuthenticator opaque = authenticator().build();
        ExecutorService senders = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<CompletableFuture<AuthResult>>> waiting = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                waiting.add(senders.submit(() -> {
                    start.await();
                    return opaque.authenticate(Exchanges.bearer("opaque-123")).toCompletableFuture();
                }));
            }
            start.countDown();
            List<CompletableFuture<AuthResult>> results = new java.util.ArrayList<>();
            for (Future<CompletableFuture<AuthResult>> w : waiting) {
                results.add(w.get(10, TimeUnit.SECONDS));
            }
            assertTrue(idp.awaitArrived(1));
            idp.release();
            for (CompletableFuture<AuthResult> result : results) {
                assertEquals("bob", principal(await(result)));
            }
            assertEquals(1, idp.hits());
        } finally {
            senders.shutdownNow();
        }
    }

    @Test
    void introspectionCallsBeyondTheConcurrencyCapAnswer503WithoutReachingTheEndpoint() throws Exception {
        idp.stall();
        IntrospectionAuthenticator opaque = authenticator().maxConcurrentCalls(2).build();
        CompletableFuture<AuthResult> first = opaque.authenticate(Exchanges.bearer("token-a")).toCompletableFuture();
        CompletableFuture<AuthResult> second = opaque.authenticate(Exchanges.bearer("token-b")).toCompletableFuture();
        assertTrue(idp.awaitArrived(2));

        AuthResult third = await(opaque.authenticate(Exchanges.bearer("token-c")).toCompletableFuture());

        assertTrue(third instanceof AuthResult.Rejected, String.valueOf(third));
        assertEquals(503, ((AuthResult.Rejected) third).status());
        assertTrue(((AuthResult.Rejected) third).retryAfter().getSeconds() > 0);
        assertEquals(2, idp.hits());
        idp.release();
        assertEquals("bob", principal(await(first)));
        assertEquals("bob", principal(await(second)));
        assertEquals("bob", principal(await(opaque.authenticate(Exchanges.bearer("token-c")).toCompletableFuture())));
        assertEquals(3, idp.hits());
    }

    @Test
    void aConcurrencyCapBelowOneFailsAtBuild() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> authenticator().maxConcurrentCalls(0).build());
        assertTrue(e.getMessage().contains("maxConcurrentCalls"), e.getMessage());
    }

    @Test
    void activeTokenAuthenticatesWithBasicClientAuthentication() {
        GatewayResponse response = Exchanges.run(Exchanges.bearer("opaque-123"),
                authentication(IntrospectionAuthenticator.ClientAuth.BASIC));
        assertEquals("bob", response.headers().first("X-Principal").orElseThrow());
        assertEquals("orders:read", response.headers().first("X-Scopes").orElseThrow());
        assertEquals("Basic " + Base64.getEncoder().encodeToString("gateway:s3cr%3Aet".getBytes()), idp.lastAuthorization());
        assertEquals("token=opaque-123&token_type_hint=access_token", idp.lastRequestBody());
    }

    @Test
    void postClientAuthenticationSendsCredentialsInTheForm() {
        Exchanges.run(Exchanges.bearer("opaque-123"), authentication(IntrospectionAuthenticator.ClientAuth.POST));
        assertTrue(idp.lastRequestBody().endsWith("&client_id=gateway&client_secret=s3cr%3Aet"), idp.lastRequestBody());
        assertEquals(null, idp.lastAuthorization());
    }

    @Test
    void answersAreCachedUntilTheTokenExpires() {
        Authentication auth = authentication(IntrospectionAuthenticator.ClientAuth.BASIC);
        assertEquals(200, Exchanges.run(Exchanges.bearer("opaque-123"), auth).status());
        clock.advance(Duration.ofSeconds(29));
        assertEquals(200, Exchanges.run(Exchanges.bearer("opaque-123"), auth).status());
        assertEquals(1, idp.hits());
        clock.advance(Duration.ofSeconds(2));
        assertEquals(401, Exchanges.run(Exchanges.bearer("opaque-123"), auth).status());
        assertEquals(2, idp.hits());
    }

    @Test
    void inactiveTokenIsRejectedAndNegativelyCachedBriefly() {
        idp.answer(200, "{\"active\":false}");
        assertRejectedThenNegativelyCachedForFiveSeconds("revoked");
    }

    @Test
    void anActiveAnswerWithoutASubjectIsRejectedAndNegativelyCachedBriefly() {
        idp.answer(200, "{\"active\":true,\"aud\":\"shop-api\",\"scope\":\"orders:read\"}");
        assertRejectedThenNegativelyCachedForFiveSeconds("nameless");
    }

    /** Sends the token three times: 401 each time, the second from the cache, the third (6 s on) asks again. */
    void assertRejectedThenNegativelyCachedForFiveSeconds(String token) {
        Authentication auth = authentication(IntrospectionAuthenticator.ClientAuth.BASIC);
        GatewayResponse response = Exchanges.run(Exchanges.bearer(token), auth);
        assertEquals(401, response.status());
        assertTrue(response.headers().first("WWW-Authenticate").orElseThrow().contains("invalid_token"));
        assertEquals(401, Exchanges.run(Exchanges.bearer(token), auth).status());
        assertEquals(1, idp.hits());
        clock.advance(Duration.ofSeconds(6));
        assertEquals(401, Exchanges.run(Exchanges.bearer(token), auth).status());
        assertEquals(2, idp.hits());
    }

    @Test
    void wrongAudienceIsRejected() {
        idp.answer(200, "{\"active\":true,\"sub\":\"bob\",\"aud\":\"billing\"}");
        assertEquals(401, Exchanges.run(Exchanges.bearer("t"), authentication(IntrospectionAuthenticator.ClientAuth.BASIC)).status());
    }

    @Test
    void failingSlowOrHugeEndpointAnswers503() {
        Authentication auth = authentication(IntrospectionAuthenticator.ClientAuth.BASIC);
        idp.answer(500, "{}");
        assertEquals(503, Exchanges.run(Exchanges.bearer("a"), auth).status());
        idp.answer(200, "{\"active\":true,\"sub\":\"" + "x".repeat(70_000) + "\"}");
        GatewayResponse huge = Exchanges.run(Exchanges.bearer("b"), auth);
        assertEquals(503, huge.status());
        assertEquals("5", huge.headers().first("Retry-After").orElseThrow());
        idp.stall();
        assertEquals(503, Exchanges.run(Exchanges.bearer("c"), auth).status());
    }

    @Test
    void missingClientCredentialsFailAtBuild() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IntrospectionAuthenticator.builder(URI.create("https://idp.test/introspect")).build());
        assertTrue(e.getMessage().startsWith("client"), e.getMessage());
    }

    @Test
    void introspectionAnswerWhoseBodyStallsAnswers503WithRetryAfter() {
        idp.stallBody(true);
        GatewayResponse response = Exchanges.run(Exchanges.bearer("opaque-123"),
                authentication(IntrospectionAuthenticator.ClientAuth.BASIC));
        assertEquals(503, response.status());
        assertEquals("5", response.headers().first("Retry-After").orElseThrow());
    }

    @Test
    void anAnswerWithAnAbsurdExpiryIsClampedNeverA500() {
        idp.answer(200, "{\"active\":true,\"sub\":\"bob\",\"aud\":\"shop-api\",\"exp\":1e300}");

        GatewayResponse response = Exchanges.run(Exchanges.bearer("opaque-123"),
                authentication(IntrospectionAuthenticator.ClientAuth.BASIC));

        assertEquals(200, response.status());
        assertEquals("bob", response.headers().first("X-Principal").orElseThrow());
    }
}
