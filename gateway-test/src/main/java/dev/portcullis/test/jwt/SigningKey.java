package dev.portcullis.test.jwt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.test.internal.Jose;
import dev.portcullis.test.internal.OptionalDependency;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A key a test signs tokens with, and its {@code kid}: a fresh RSA 2048 pair for {@code RS256}, a P-256 pair for
 * {@code ES256}, or a secret of at least 256 bits for {@code HS256}. Public keys are published by a
 * {@link JwksServer} or as JSON ({@link #jwkSet(SigningKey...)}); a secret is given to the issuer directly (a JWKS
 * never carries one). Immutable.
 *
 * <pre>{@code
 * SigningKey key = SigningKey.rs256("key-1");
 * JwtIssuer issuer = JwtIssuer.builder("https://idp.test").jwksUri(jwks.uri()).build();          // RS256
 * SigningKey shared = SigningKey.hs256("hmac-1");
 * JwtIssuer hmac = JwtIssuer.builder("https://idp.test/hmac").algorithms("HS256").hmacSecret(shared.secret()).build();
 * }</pre>
 */
public final class SigningKey {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String keyId;
    private final String algorithm;
    private final KeyPair pair;
    private final byte[] secret;

    private SigningKey(String keyId, String algorithm, KeyPair pair, byte[] secret) {
        this.keyId = Objects.requireNonNull(keyId, "keyId");
        this.algorithm = algorithm;
        this.pair = pair;
        this.secret = secret;
    }

    /** @param keyId its {@code kid} @return a new RSA 2048 key for {@code RS256} */
    public static SigningKey rs256(String keyId) {
        return new SigningKey(keyId, "RS256", generate("RSA", 2048, null), null);
    }

    /** @param keyId its {@code kid} @return a new P-256 key for {@code ES256} */
    public static SigningKey es256(String keyId) {
        return new SigningKey(keyId, "ES256", generate("EC", 0, new ECGenParameterSpec("secp256r1")), null);
    }

    /** @param keyId its {@code kid} @return a new random 256-bit secret for {@code HS256} */
    public static SigningKey hs256(String keyId) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return new SigningKey(keyId, "HS256", null, secret);
    }

    /**
     * @param keyId its {@code kid}
     * @param secret the shared secret, at least 32 bytes (copied)
     * @return an {@code HS256} key
     */
    public static SigningKey hs256(String keyId, byte[] secret) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("secret: HS256 needs at least 256 bits, got " + secret.length * 8);
        }
        return new SigningKey(keyId, "HS256", null, secret.clone());
    }

    /** @return the {@code kid} */
    public String keyId() {
        return keyId;
    }

    /** @return the JWS algorithm: {@code RS256}, {@code ES256} or {@code HS256} */
    public String algorithm() {
        return algorithm;
    }

    /**
     * @return the shared secret of an {@code HS256} key (a copy), for the issuer's configuration
     * @throws IllegalStateException for a public-key algorithm
     */
    public byte[] secret() {
        if (secret == null) {
            throw new IllegalStateException(keyId + " is an " + algorithm + " key pair, it has no shared secret");
        }
        return secret.clone();
    }

    /**
     * @return the public key of an {@code RS256} or {@code ES256} key
     * @throws IllegalStateException for {@code HS256}
     */
    public PublicKey publicKey() {
        requirePublicKey();
        return pair.getPublic();
    }

    /**
     * @param keys public-key signing keys
     * @return the JWK set of their public halves as JSON ({@code {"keys":[...]}}), for a JWKS endpoint or an
     *     issuer's {@code jwkSetJson(...)}
     * @throws IllegalArgumentException for an {@code HS256} key: a key set never carries a secret
     * @throws IllegalStateException naming the artifact when Nimbus JOSE+JWT is not on the classpath
     */
    public static String jwkSet(SigningKey... keys) {
        OptionalDependency.requireNimbus();
        List<Map<String, Object>> jwks = new ArrayList<>();
        for (SigningKey key : keys) {
            if (key.secret != null) {
                throw new IllegalArgumentException(key.keyId + " is an HS256 secret: give it to the issuer "
                        + "(hmacSecret(key.secret())), a JWK set carries public keys only");
            }
            jwks.add(Jose.publicJwk(key.algorithm, key.keyId, key.pair.getPublic()));
        }
        try {
            return JSON.writeValueAsString(Map.of("keys", jwks));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the JWK set could not be written", e);
        }
    }

    /** Signs a JWS of this key's algorithm; callers have checked that Nimbus is there. */
    String sign(String type, String payloadJson) {
        PrivateKey key = pair == null ? null : pair.getPrivate();
        return Jose.sign(algorithm, keyId, type, key, secret == null ? null : secret.clone(), payloadJson);
    }

    private void requirePublicKey() {
        if (pair == null) {
            throw new IllegalStateException(keyId + " is an HS256 secret, it has no public key");
        }
    }

    private static KeyPair generate(String algorithm, int bits, ECGenParameterSpec curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (curve == null) {
                generator.initialize(bits, RANDOM);
            } else {
                generator.initialize(curve, RANDOM);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot generate an " + algorithm + " key: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "SigningKey[" + algorithm + ' ' + keyId + ']';
    }
}
