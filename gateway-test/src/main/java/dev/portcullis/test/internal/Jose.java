package dev.portcullis.test.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;

/**
 * The JWT helpers' use of Nimbus JOSE+JWT: compact JWS signing and public JWK serialization. Its signatures name JDK
 * types only, and callers check {@link OptionalDependency#requireNimbus()} first, so this class (which names Nimbus
 * types) is loaded only when Nimbus is there.
 *
 * <pre>{@code
 * String token = Jose.sign("RS256", "key-1", "JWT", privateKey, null, "{\"sub\":\"alice\"}");
 * }</pre>
 */
public final class Jose {
    private Jose() {
    }

    /**
     * @param algorithm {@code RS256}, {@code ES256} or {@code HS256}
     * @param keyId the {@code kid} header, or null for none
     * @param type the {@code typ} header, or null for none
     * @param key the private key of RS256 and ES256, else null
     * @param secret the secret of HS256, else null
     * @param payloadJson the claims, as JSON
     * @return the compact serialization
     */
    public static String sign(String algorithm, String keyId, String type, PrivateKey key, byte[] secret,
                              String payloadJson) {
        JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.parse(algorithm)).keyID(keyId);
        if (type != null) {
            header.type(new JOSEObjectType(type));
        }
        JWSObject jws = new JWSObject(header.build(), new Payload(payloadJson));
        try {
            jws.sign(signer(algorithm, key, secret));
        } catch (JOSEException e) {
            throw new IllegalStateException("signing with " + algorithm + " failed: " + e.getMessage(), e);
        }
        return jws.serialize();
    }

    private static JWSSigner signer(String algorithm, PrivateKey key, byte[] secret) throws JOSEException {
        switch (algorithm) {
            case "RS256":
                return new RSASSASigner(key);
            case "ES256":
                return new ECDSASigner((ECPrivateKey) key);
            default:
                return new MACSigner(secret);
        }
    }

    /**
     * @param algorithm {@code RS256} or {@code ES256}
     * @param keyId the {@code kid}
     * @param key the public key
     * @return the public JWK as a JSON object, with {@code use: sig} and the algorithm
     */
    public static Map<String, Object> publicJwk(String algorithm, String keyId, PublicKey key) {
        JWK jwk = algorithm.equals("RS256")
                ? new RSAKey.Builder((RSAPublicKey) key).keyID(keyId).keyUse(KeyUse.SIGNATURE)
                        .algorithm(JWSAlgorithm.RS256).build()
                : new ECKey.Builder(Curve.P_256, (ECPublicKey) key).keyID(keyId).keyUse(KeyUse.SIGNATURE)
                        .algorithm(JWSAlgorithm.ES256).build();
        return jwk.toJSONObject();
    }
}
