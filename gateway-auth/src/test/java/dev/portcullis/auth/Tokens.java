package dev.portcullis.auth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;

/** Keys and signed tokens for tests. */
public final class Tokens {
    public static final String ISSUER = "https://idp.test/realms/shop";

    private Tokens() {
    }

    public static RSAKey rsa(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    public static ECKey ec(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    public static String jwks(JWK... keys) {
        return new JWKSet(Arrays.stream(keys).map(JWK::toPublicJWK).toList()).toString();
    }

    /** Claims of a good token at {@code now}: sub alice, scope "orders:read profile", roles [admin], 5 min life. */
    public static JWTClaimsSet.Builder claims(Instant now) {
        return new JWTClaimsSet.Builder().issuer(ISSUER).subject("alice").audience("shop-api")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .claim("scope", "orders:read profile")
                .claim("realm_access", Map.of("roles", List.of("admin", "user")));
    }

    public static String rs256(RSAKey key, JWTClaimsSet claims) {
        return sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
                claims, key);
    }

    public static String es256(ECKey key, JWTClaimsSet claims) {
        return sign(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims, key);
    }

    public static String hs256(byte[] secret, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    public static String sign(JWSHeader header, JWTClaimsSet claims, JWK key) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(key instanceof RSAKey rsa ? new RSASSASigner(rsa) : new ECDSASigner((ECKey) key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Compact JWS of arbitrary header and payload JSON, with a signature made by {@code signer}. */
    public static String compact(String headerJson, String payloadJson, SigningFunction signer) {
        String input = b64(headerJson) + '.' + b64(payloadJson);
        return input + '.' + Base64URL.encode(signer.sign(input.getBytes(StandardCharsets.US_ASCII)));
    }

    public static String b64(String json) {
        return Base64URL.encode(json.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** An Ed25519 key pair from the JDK, with its public JWK. */
    public record Ed25519(KeyPair pair, OctetKeyPair jwk) {
        public static Ed25519 generate(String kid) {
            try {
                KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                byte[] encoded = pair.getPublic().getEncoded();
                byte[] x = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
                return new Ed25519(pair, new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(x)).keyID(kid).build());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }

        public String sign(JWTClaimsSet claims) {
            return compact("{\"alg\":\"EdDSA\",\"kid\":\"" + jwk.getKeyID() + "\"}", claims.toString(), input -> {
                try {
                    Signature signature = Signature.getInstance("Ed25519");
                    signature.initSign(pair.getPrivate());
                    signature.update(input);
                    return signature.sign();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
        }
    }

    /** Signs bytes. */
    @FunctionalInterface
    public interface SigningFunction {
        byte[] sign(byte[] input);
    }
}
