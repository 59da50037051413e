package dev.portcullis.config.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

/**
 * Signs HS256 tokens for tests, valid for an hour.
 *
 * <pre>{@code
 * String token = Tokens.hs256(secret, "https://idp.example", "alice", Map.of("scope", "orders:read"));
 * }</pre>
 */
public final class Tokens {
    private Tokens() {
    }

    /**
     * @param secret the HMAC secret, at least 32 bytes
     * @param issuer the iss
     * @param subject the sub
     * @param claims more claims
     * @return the compact token
     */
    public static String hs256(String secret, String issuer, String subject, Map<String, Object> claims) {
        JWTClaimsSet.Builder set = new JWTClaimsSet.Builder().issuer(issuer).subject(subject)
                .expirationTime(Date.from(Instant.now().plusSeconds(3600))).issueTime(new Date());
        claims.forEach(set::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), set.build());
        try {
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
