package dev.portcullis.examples.config;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

/**
 * Signs RS256 tokens with the private half of the examples' {@code keys/jwks.json} (a test resource; only the public
 * key ships with the examples), valid for an hour.
 *
 * <pre>{@code
 * String token = ExampleTokens.shop("alice", Map.of("scope", "orders:read", "tenant", "acme"));
 * }</pre>
 */
final class ExampleTokens {
    static final String SHOP = "https://idp.example.com/realms/shop";
    private static final RSAKey KEY = load();

    private ExampleTokens() {
    }

    /** @return a token of the shop issuer for the audience shop-api */
    static String shop(String subject, Map<String, Object> claims) {
        return sign(SHOP, subject, "shop-api", claims);
    }

    /** @return a token signed as {@link #sign(String, String, String, String, Map)} with the type {@code at+jwt} */
    static String sign(String issuer, String subject, String audience, Map<String, Object> claims) {
        return sign("at+jwt", issuer, subject, audience, claims);
    }

    /**
     * @param type the {@code typ} header (RFC 9068 access tokens are {@code at+jwt})
     * @param issuer the {@code iss}
     * @param subject the {@code sub}
     * @param audience the {@code aud}
     * @param claims further claims
     * @return the signed token
     */
    static String sign(String type, String issuer, String subject, String audience, Map<String, Object> claims) {
        JWTClaimsSet.Builder set = new JWTClaimsSet.Builder().issuer(issuer).subject(subject).audience(audience)
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(3600)));
        claims.forEach(set::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID())
                .type(new JOSEObjectType(type)).build(),
                set.build());
        try {
            jwt.sign(new RSASSASigner(KEY));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static RSAKey load() {
        try (InputStream in = ExampleTokens.class.getResourceAsStream("/config/private-jwk.json")) {
            return RSAKey.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("cannot read the examples' private key", e);
        }
    }
}
