package dev.portcullis.auth.jwt;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.auth.Authentication;
import dev.portcullis.auth.Exchanges;
import dev.portcullis.auth.MutableClock;
import dev.portcullis.auth.TestServer;
import dev.portcullis.auth.Tokens;
import java.security.Signature;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A catalogue of hostile tokens: every one must end in 401, never 200 and never 500. */
class JwtAttackTokensTest {
    static final RSAKey RSA = JwtAuthenticatorTest.RSA;
    static final RSAKey ATTACKER = Tokens.rsa("rsa-1");
    static final Instant NOW = JwtAuthenticatorTest.START;
    static final TestServer ATTACKER_SERVER = startServer();

    final Authentication auth = Authentication.interceptor(JwtAuthenticator.builder()
            .issuer(JwtIssuer.builder(Tokens.ISSUER).jwkSetJson(Tokens.jwks(RSA)).audiences("shop-api").build())
            .clock(new MutableClock(NOW)).build());

    static TestServer startServer() {
        try {
            TestServer server = new TestServer();
            server.answer(200, Tokens.jwks(ATTACKER));
            return server;
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @AfterAll
    static void stop() {
        ATTACKER_SERVER.close();
    }

    static JWTClaimsSet good() {
        return Tokens.claims(NOW).build();
    }

    static String rsaSigned(String headerJson, String payloadJson) {
        return Tokens.compact(headerJson, payloadJson, input -> {
            try {
                Signature signature = Signature.getInstance("SHA256withRSA");
                signature.initSign(RSA.toPrivateKey());
                signature.update(input);
                return signature.sign();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    static String withHeader(JWSHeader.Builder header, RSAKey signer) {
        return Tokens.sign(header.build(), good(), signer);
    }

    static String hmacWithPublicKey() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1").build(), good());
        jwt.sign(new MACSigner(RSA.toPublicKey().getEncoded()));
        return jwt.serialize();
    }

    static Stream<Arguments> attacks() throws Exception {
        String nested = "[".repeat(5000) + "]".repeat(5000);
        return Stream.of(
                Arguments.of("alg none", Tokens.b64("{\"alg\":\"none\"}") + '.' + Tokens.b64(good().toString()) + '.'),
                Arguments.of("alg none, signature kept",
                        Tokens.b64("{\"alg\":\"none\",\"kid\":\"rsa-1\"}") + '.' + Tokens.b64(good().toString()) + ".AAAA"),
                Arguments.of("RS->HS confusion: HMAC keyed with the RSA public key", hmacWithPublicKey()),
                Arguments.of("expired beyond the skew", Tokens.rs256(RSA, new JWTClaimsSet.Builder(good())
                        .expirationTime(Date.from(NOW.minusSeconds(61))).build())),
                Arguments.of("not valid before a future nbf", Tokens.rs256(RSA, new JWTClaimsSet.Builder(good())
                        .notBeforeTime(Date.from(NOW.plusSeconds(120))).build())),
                Arguments.of("no exp", Tokens.rs256(RSA, new JWTClaimsSet.Builder(good()).expirationTime(null).build())),
                Arguments.of("untrusted iss", Tokens.rs256(RSA, new JWTClaimsSet.Builder(good())
                        .issuer("https://idp.test/realms/shop/").build())),
                Arguments.of("no iss", Tokens.rs256(RSA, new JWTClaimsSet.Builder(good()).issuer(null).build())),
                Arguments.of("wrong aud", Tokens.rs256(RSA, new JWTClaimsSet.Builder(good()).audience("billing").build())),
                Arguments.of("unknown crit", withHeader(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1")
                        .criticalParams(Set.of("exp2")).customParam("exp2", 1), RSA)),
                Arguments.of("empty crit list", rsaSigned("{\"alg\":\"RS256\",\"kid\":\"rsa-1\",\"crit\":[]}",
                        good().toString())),
                Arguments.of("iat in the future beyond the skew", Tokens.rs256(RSA, new JWTClaimsSet.Builder(good())
                        .issueTime(Date.from(NOW.plusSeconds(120))).build())),
                Arguments.of("typ of another token kind", withHeader(new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID("rsa-1").type(new JOSEObjectType("dpop+jwt")), RSA)),
                Arguments.of("jku to an attacker JWKS", withHeader(new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID("attacker").jwkURL(ATTACKER_SERVER.uri()), new RSAKey.Builder(ATTACKER).keyID("attacker").build())),
                Arguments.of("x5u to an attacker", withHeader(new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID("rsa-1").x509CertURL(ATTACKER_SERVER.uri()), ATTACKER)),
                Arguments.of("embedded attacker jwk", withHeader(new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .jwk(ATTACKER.toPublicJWK()), ATTACKER)),
                Arguments.of("same kid, attacker key", Tokens.rs256(ATTACKER, good())),
                Arguments.of("payload tampered after signing", tamper(Tokens.rs256(RSA, good()))),
                Arguments.of("oversized", rsaSigned("{\"alg\":\"RS256\",\"kid\":\"rsa-1\"}",
                        "{\"pad\":\"" + "x".repeat(9000) + "\"}")),
                Arguments.of("deeply nested JSON", rsaSigned("{\"alg\":\"RS256\",\"kid\":\"rsa-1\"}",
                        "{\"iss\":\"" + Tokens.ISSUER + "\",\"a\":" + nested + "}")),
                Arguments.of("JWE-shaped", "eyJhbGciOiJSU0EtT0FFUCJ9.a.b.c.d"),
                Arguments.of("garbage", "not-a-jwt"));
    }

    static String tamper(String token) {
        String[] parts = token.split("\\.");
        String payload = new JWTClaimsSet.Builder(good()).subject("root").build().toString();
        return parts[0] + '.' + Base64URL.encode(payload) + '.' + parts[2];
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void hostileTokenIsRejectedWith401(String attack, String token) {
        GatewayResponse response = Exchanges.run(Exchanges.bearer(token), auth);
        assertEquals(401, response.status(), attack);
        assertEquals(List.of(), response.headers().all("X-Principal"), attack);
    }

    @Test
    void jkuAndX5uHeadersAreNeverFetched() throws Exception {
        attacks().forEach(arguments -> Exchanges.run(Exchanges.bearer((String) arguments.get()[1]), auth));
        assertEquals(0, ATTACKER_SERVER.hits());
    }

    @Test
    void theGoodTokenOfTheCataloguePasses() {
        assertEquals(200, Exchanges.run(Exchanges.bearer(Tokens.rs256(RSA, good())), auth).status());
    }

    @Test
    void aVerifierThatFailsDoesNotStopTheOtherMatchingKeys() throws Exception {
        RSAKey key = Tokens.rsa("shared-kid");
        SignedJWT jwt = SignedJWT.parse(
                Tokens.rs256(key, Tokens.claims(Instant.parse("2030-01-01T00:00:00Z")).build()));
        JWSVerifier failing = new RSASSAVerifier(key.toPublicJWK()) {
            @Override
            public boolean verify(JWSHeader header, byte[] input,
                                  Base64URL signature) throws JOSEException {
                throw new JOSEException("key unfit for this token");
            }
        };
        JWSVerifier good = new RSASSAVerifier(key.toPublicJWK());

        assertDoesNotThrow(
                () -> JwtVerification.checkSignature(jwt, List.of(failing, good)));
    }
}
