package dev.portcullis.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.RSAKey;
import dev.portcullis.api.auth.Authentication;
import dev.portcullis.api.auth.IdentityProviderCall;
import dev.portcullis.api.auth.IdentityProviderCall.Kind;
import dev.portcullis.api.auth.IdentityProviderCall.Outcome;
import dev.portcullis.auth.introspection.IntrospectionAuthenticator;
import dev.portcullis.auth.jwt.JwtAuthenticator;
import dev.portcullis.auth.jwt.JwtIssuer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The identity-provider listener hears every JWKS fetch and introspection call, with its outcome and duration. */
class IdentityProviderCallsTest {
    private static final RSAKey RSA = Tokens.rsa("rsa-1");
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final List<IdentityProviderCall> heard = new CopyOnWriteArrayList<>();
    private TestServer idp;

    @BeforeEach
    void startIdentityProvider() throws Exception {
        idp = new TestServer();
    }

    @AfterEach
    void stopIdentityProvider() {
        idp.close();
    }

    private Authentication jwt() {
        JwtIssuer issuer = JwtIssuer.builder(Tokens.ISSUER).jwksUri(idp.uri())
                .jwksTimeouts(Duration.ofSeconds(2), Duration.ofMillis(500)).listener(heard::add).build();
        return Authentication.interceptor(JwtAuthenticator.builder().issuer(issuer).clock(clock).build());
    }

    private Authentication introspection(URI endpoint) {
        return Authentication.interceptor(IntrospectionAuthenticator.builder(endpoint)
                .client("gateway", "s3cret", IntrospectionAuthenticator.ClientAuth.BASIC).clock(clock)
                .timeouts(Duration.ofSeconds(2), Duration.ofMillis(500)).listener(heard::add).build());
    }

    @Test
    void aJwksFetchIsHeardOnceAsASuccessNamedByTheIssuerAndTimedFromSendToAnswer() {
        idp.answer(200, Tokens.jwks(RSA));
        Authentication auth = jwt();
        long before = System.nanoTime();

        assertEquals(200, Exchanges.run(Exchanges.bearer(Tokens.rs256(RSA, Tokens.claims(NOW).build())), auth).status());
        assertEquals(200, Exchanges.run(Exchanges.bearer(Tokens.rs256(RSA, Tokens.claims(NOW).build())), auth).status());

        long elapsed = System.nanoTime() - before;
        assertEquals(1, heard.size(), "the second token used the cached keys: " + heard);
        IdentityProviderCall call = heard.get(0);
        assertEquals(Kind.JWKS, call.kind());
        assertEquals(Tokens.ISSUER, call.provider());
        assertEquals(Outcome.SUCCESS, call.outcome());
        assertTrue(!call.duration().isNegative() && call.duration().toNanos() <= elapsed, call.duration().toString());
    }

    @Test
    void aJwksEndpointAnsweringAnErrorStatusIsHeardAsAnError() {
        idp.answer(500, "{}");

        assertEquals(503, Exchanges.run(Exchanges.bearer(Tokens.rs256(RSA, Tokens.claims(NOW).build())), jwt()).status());

        assertEquals(List.of(Outcome.ERROR), heard.stream().map(IdentityProviderCall::outcome).toList());
    }

    @Test
    void aJwksEndpointThatNeverAnswersIsHeardAsATimeoutAfterTheReadTimeout() {
        idp.stall();

        assertEquals(503, Exchanges.run(Exchanges.bearer(Tokens.rs256(RSA, Tokens.claims(NOW).build())), jwt()).status());

        assertEquals(List.of(Outcome.TIMEOUT), heard.stream().map(IdentityProviderCall::outcome).toList());
        assertTrue(heard.get(0).duration().compareTo(Duration.ofMillis(500)) >= 0, heard.get(0).duration().toString());
    }

    @Test
    void anIntrospectionOfAnInactiveTokenIsASuccessfulCallNamedByTheEndpointWithoutUserInfoOrQuery() {
        idp.answer(200, "{\"active\":false}");
        URI endpoint = URI.create(idp.uri().toString().replace("http://", "http://user:pw@") + "?tenant=a");

        assertEquals(401, Exchanges.run(Exchanges.bearer("opaque-1"), introspection(endpoint)).status());

        assertEquals(1, heard.size());
        assertEquals(Kind.INTROSPECTION, heard.get(0).kind());
        assertEquals(idp.uri().toString(), heard.get(0).provider());
        assertEquals(Outcome.SUCCESS, heard.get(0).outcome());
    }

    @Test
    void introspectionFailuresAreHeardAsErrorsAndTimeoutsAndCachedAnswersAreNotCalls() {
        Authentication auth = introspection(idp.uri());
        idp.answer(200, "{\"active\":true,\"sub\":\"bob\",\"exp\":" + NOW.plusSeconds(60).getEpochSecond() + "}");
        assertEquals(200, Exchanges.run(Exchanges.bearer("opaque-ok"), auth).status());
        assertEquals(200, Exchanges.run(Exchanges.bearer("opaque-ok"), auth).status());
        idp.answer(200, "not json");
        assertEquals(503, Exchanges.run(Exchanges.bearer("opaque-garbled"), auth).status());
        idp.stall();
        assertEquals(503, Exchanges.run(Exchanges.bearer("opaque-stalled"), auth).status());

        assertEquals(List.of(Outcome.SUCCESS, Outcome.ERROR, Outcome.TIMEOUT),
                heard.stream().map(IdentityProviderCall::outcome).toList());
    }

    @Test
    void aListenerThatThrowsNeverFailsTheCall() {
        idp.answer(200, Tokens.jwks(RSA));
        JwtIssuer issuer = JwtIssuer.builder(Tokens.ISSUER).jwksUri(idp.uri()).listener(call -> {
            throw new IllegalStateException("listener bug");
        }).build();
        Authentication auth = Authentication.interceptor(JwtAuthenticator.builder().issuer(issuer).clock(clock).build());

        assertEquals(200, Exchanges.run(Exchanges.bearer(Tokens.rs256(RSA, Tokens.claims(NOW).build())), auth).status());
    }
}
