package dev.portcullis.test.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.portcullis.test.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Tokens minted by the kit verify with Nimbus against the key set the kit publishes (or the shared secret), and
 * carry exactly the header and claims asked for.
 */
class JwtTest {
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final SigningKey RSA = SigningKey.rs256("rsa-1");
    private static final SigningKey EC = SigningKey.es256("ec-1");
    private static final SigningKey HMAC = SigningKey.hs256("hmac-1");

    private final TestClock clock = TestClock.at(NOW);

    private static JWKSet published(SigningKey... keys) throws Exception {
        return JWKSet.parse(SigningKey.jwkSet(keys));
    }

    private static SignedJWT verified(String token, JWSVerifier verifier) throws Exception {
        SignedJWT jwt = SignedJWT.parse(token);
        assertTrue(jwt.verify(verifier), "signature verifies");
        return jwt;
    }

    @Test
    void rs256AndEs256TokensVerifyWithThePublishedKeysAndNameTheirKeyAndAlgorithm() throws Exception {
        JWKSet set = published(RSA, EC);

        SignedJWT rsa = verified(Jwt.builder(clock).subject("alice").signWith(RSA),
                new RSASSAVerifier((RSAKey) set.getKeyByKeyId("rsa-1")));
        SignedJWT ec = verified(Jwt.builder(clock).subject("bob").signWith(EC),
                new ECDSAVerifier((ECKey) set.getKeyByKeyId("ec-1")));

        assertEquals("RS256", rsa.getHeader().getAlgorithm().getName());
        assertEquals("rsa-1", rsa.getHeader().getKeyID());
        assertEquals("JWT", rsa.getHeader().getType().getType());
        assertEquals("ES256", ec.getHeader().getAlgorithm().getName());
        assertEquals("bob", ec.getJWTClaimsSet().getSubject());
    }

    @Test
    void anHs256TokenVerifiesWithTheSharedSecret() throws Exception {
        SignedJWT jwt = verified(Jwt.builder(clock).subject("carol").signWith(HMAC), new MACVerifier(HMAC.secret()));

        assertEquals("HS256", jwt.getHeader().getAlgorithm().getName());
    }

    @Test
    void theClaimsAreTheOnesChosenWithIatNowAndExpFiveMinutesLaterByDefault() throws Exception {
        JWTClaimsSet claims = SignedJWT.parse(Jwt.builder(clock)
                .issuer("https://idp.test").subject("alice").audience("shop-api").scope("orders:read profile")
                .id("jti-1").claim("realm_access", Map.of("roles", List.of("admin")))
                .claim("auth_time", NOW.minusSeconds(60))
                .signWith(RSA)).getJWTClaimsSet();

        assertEquals("https://idp.test", claims.getIssuer());
        assertEquals(List.of("shop-api"), claims.getAudience());
        assertEquals("orders:read profile", claims.getStringClaim("scope"));
        assertEquals("jti-1", claims.getJWTID());
        assertEquals(Map.of("roles", List.of("admin")), claims.getJSONObjectClaim("realm_access"));
        assertEquals(NOW.minusSeconds(60).getEpochSecond(), claims.getLongClaim("auth_time"));
        assertEquals(Date.from(NOW), claims.getIssueTime());
        assertEquals(Date.from(NOW.plus(Duration.ofMinutes(5))), claims.getExpirationTime());
    }

    @Test
    void timesAudiencesAndTheTypeCanBeSetAndExpiryLeftOut() throws Exception {
        SignedJWT jwt = SignedJWT.parse(Jwt.builder(clock).audience("a", "b")
                .issuedAt(NOW.minusSeconds(600)).expiresAt(NOW.minusSeconds(300)).notBefore(NOW.minusSeconds(600))
                .type("at+jwt").signWith(RSA));
        JWTClaimsSet forever = SignedJWT.parse(Jwt.builder(clock).withoutExpiry().signWith(RSA)).getJWTClaimsSet();

        assertEquals(List.of("a", "b"), jwt.getJWTClaimsSet().getAudience());
        assertEquals(Date.from(NOW.minusSeconds(300)), jwt.getJWTClaimsSet().getExpirationTime());
        assertEquals(Date.from(NOW.minusSeconds(600)), jwt.getJWTClaimsSet().getNotBeforeTime());
        assertEquals("at+jwt", jwt.getHeader().getType().getType());
        assertNull(forever.getExpirationTime());
    }

    @Test
    void theKeySetCarriesPublicHalvesOnlyAndNeverASecret() throws Exception {
        JWKSet set = published(RSA, EC);

        assertFalse(set.getKeyByKeyId("rsa-1").isPrivate());
        assertFalse(set.getKeyByKeyId("ec-1").isPrivate());
        assertEquals("sig", set.getKeyByKeyId("ec-1").getKeyUse().identifier());
        IllegalArgumentException secret = assertThrows(IllegalArgumentException.class,
                () -> SigningKey.jwkSet(RSA, HMAC));
        assertTrue(secret.getMessage().startsWith("hmac-1 is an HS256 secret"), secret.getMessage());
        assertThrows(IllegalStateException.class, HMAC::publicKey);
        assertThrows(IllegalStateException.class, RSA::secret);
    }

    @Test
    void aSecretShorterThan256BitsIsRefused() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> SigningKey.hs256("short", new byte[31]));

        assertTrue(error.getMessage().startsWith("secret:"), error.getMessage());
    }
}
