package dev.portcullis.examples.demo;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.portcullis.auth.jwt.JwtAuthenticator;
import dev.portcullis.auth.jwt.JwtIssuer;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;

/**
 * A stand-in identity provider for the demo: it signs HS256 tokens with a secret drawn at random when the JVM
 * starts, and builds the {@link JwtAuthenticator} that accepts exactly those tokens. A real deployment points
 * {@link JwtIssuer.Builder#jwksUri} at its identity provider instead and never holds a signing key.
 *
 * <pre>{@code
 * String token = DemoIssuer.shared().token("alice", "orders:read", Duration.ofHours(1));
 * JwtAuthenticator jwt = DemoIssuer.shared().authenticator();
 * }</pre>
 */
public final class DemoIssuer {
    /** The issuer ({@code iss}) of every demo token. */
    public static final String ISSUER = "https://issuer.demo.portcullis.invalid";
    private static final DemoIssuer SHARED = new DemoIssuer(randomSecret());

    private final byte[] secret;

    private DemoIssuer(byte[] secret) {
        this.secret = secret;
    }

    /** @return the issuer of this JVM, whose secret lives only in memory */
    public static DemoIssuer shared() {
        return SHARED;
    }

    /** @return an authenticator that accepts this issuer's tokens (HS256 only, {@code exp} required) */
    public JwtAuthenticator authenticator() {
        return JwtAuthenticator.builder()
                .issuer(JwtIssuer.builder(ISSUER).hmacSecret(secret.clone()).algorithms("HS256").build())
                .build();
    }

    /**
     * @param subject the {@code sub} claim
     * @param scope the space-separated {@code scope} claim
     * @param lifetime how long the token is valid
     * @return a signed compact JWT
     */
    public String token(String subject, String scope, Duration lifetime) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(),
                claims(subject, scope, lifetime));
        try {
            jwt.sign(new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a demo token", e);
        }
        return jwt.serialize();
    }

    /**
     * @return the claims of a demo token: {@link #ISSUER}, {@code sub}, {@code scope}, {@code iat} now and {@code exp}
     *     after {@code lifetime}
     */
    static JWTClaimsSet claims(String subject, String scope, Duration lifetime) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(lifetime, "lifetime");
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(subject)
                .claim("scope", scope)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .build();
    }

    private static byte[] randomSecret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return secret;
    }
}
