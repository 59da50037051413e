package dev.portcullis.auth.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Set;

/**
 * Verifies EdDSA (Ed25519) signatures with the JDK's own Ed25519 provider (Java 15+). Nimbus's
 * {@code Ed25519Verifier} needs Google Tink on the class path; this verifier needs nothing. Thread-safe.
 */
public final class Ed25519JdkVerifier implements JWSVerifier {
    /** The DER prefix of an X.509 SubjectPublicKeyInfo holding a raw 32-byte Ed25519 key (RFC 8410). */
    private static final byte[] X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private final PublicKey key;
    private final JCAContext context = new JCAContext();

    /**
     * @param jwk an Ed25519 public key
     * @throws JOSEException if the key is not an Ed25519 key of 32 bytes
     */
    public Ed25519JdkVerifier(OctetKeyPair jwk) throws JOSEException {
        byte[] x = jwk.getDecodedX();
        if (!Curve.Ed25519.equals(jwk.getCurve()) || x.length != 32) {
            throw new JOSEException("not an Ed25519 public key");
        }
        byte[] der = new byte[X509_PREFIX.length + 32];
        System.arraycopy(X509_PREFIX, 0, der, 0, X509_PREFIX.length);
        System.arraycopy(x, 0, der, X509_PREFIX.length, 32);
        try {
            key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new JOSEException("invalid Ed25519 public key", e);
        }
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return Set.of(JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);
    }

    @Override
    public JCAContext getJCAContext() {
        return context;
    }

    @Override
    public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) throws JOSEException {
        if (!supportedJWSAlgorithms().contains(header.getAlgorithm()) || header.getCriticalParams() != null) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(signingInput);
            return verifier.verify(signature.decode());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
