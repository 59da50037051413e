package dev.portcullis.auth.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The verifiers of one issuer, built once per key set: for every signing key and every allowed algorithm that key
 * can serve, one ready verifier. The token's header never picks the key type: an {@code HS256} token finds only
 * verifiers made from configured secrets, never one made from an RSA public key. Immutable.
 */
public final class KeyRing {
    private static final int MIN_RSA_BITS = 2048;

    private final List<Entry> entries;
    private final Set<String> identities;

    private KeyRing(List<Entry> entries) {
        this.entries = List.copyOf(entries);
        this.identities = entries.stream().map(Entry::identity).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * @param keys a key set; private parts are dropped, keys for encryption are skipped
     * @param algorithms the issuer's allowed algorithms
     * @return the ring
     */
    public static KeyRing of(JWKSet keys, Set<JWSAlgorithm> algorithms) {
        List<Entry> entries = new ArrayList<>();
        for (JWK jwk : keys.getKeys()) {
            if (!forVerification(jwk)) {
                continue;
            }
            for (JWSAlgorithm alg : algorithms) {
                JWSVerifier verifier = verifierFor(jwk, alg);
                if (verifier != null) {
                    entries.add(new Entry(jwk.getKeyID(), alg, verifier, identity(jwk, alg)));
                }
            }
        }
        return new KeyRing(entries);
    }

    /**
     * @param alg the token's algorithm, already checked against the allow-list
     * @param kid the token's key id, or null
     * @return the verifiers to try: those of key {@code kid}, or every key for {@code alg} when the token names none
     */
    public List<JWSVerifier> find(JWSAlgorithm alg, String kid) {
        List<JWSVerifier> found = new ArrayList<>(2);
        for (Entry entry : entries) {
            if (entry.alg().equals(alg) && (kid == null || kid.equals(entry.kid()))) {
                found.add(entry.verifier());
            }
        }
        return found;
    }

    /**
     * @param verifier a verifier this ring's {@link #find} answered
     * @return the identity of its key: key id, algorithm and RFC 7638 thumbprint of the key material, equal across
     *     rings built from the same key; null when the verifier is not this ring's
     */
    public String identityOf(JWSVerifier verifier) {
        for (Entry entry : entries) {
            if (entry.verifier() == verifier) {
                return entry.identity();
            }
        }
        return null;
    }

    /** @param identity a key identity from {@link #identityOf} of this or an earlier ring @return whether this ring holds that key */
    public boolean holds(String identity) {
        return identities.contains(identity);
    }

    /** @return the number of key-algorithm pairs */
    public int size() {
        return entries.size();
    }

    private static boolean forVerification(JWK jwk) {
        if (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse())) {
            return false;
        }
        return jwk.getKeyOperations() == null || jwk.getKeyOperations().contains(KeyOperation.VERIFY);
    }

    private static JWSVerifier verifierFor(JWK jwk, JWSAlgorithm alg) {
        if (jwk.getAlgorithm() != null && !jwk.getAlgorithm().getName().equals(alg.getName())) {
            return null;
        }
        try {
            if (jwk instanceof RSAKey rsa && (JWSAlgorithm.Family.RSA.contains(alg)) && rsa.size() >= MIN_RSA_BITS) {
                return new RSASSAVerifier(rsa.toPublicJWK());
            }
            if (jwk instanceof ECKey ec && JWSAlgorithm.Family.EC.contains(alg)) {
                ECDSAVerifier verifier = new ECDSAVerifier(ec.toPublicJWK());
                return verifier.supportedJWSAlgorithms().contains(alg) ? verifier : null;
            }
            if (jwk instanceof OctetKeyPair okp && (alg.equals(JWSAlgorithm.EdDSA) || alg.equals(JWSAlgorithm.Ed25519))) {
                return new Ed25519JdkVerifier(okp.toPublicJWK());
            }
            if (jwk instanceof OctetSequenceKey secret && JWSAlgorithm.Family.HMAC_SHA.contains(alg)
                    && secret.size() >= minimumHmacBits(alg)) {
                return new MACVerifier(secret.toByteArray());
            }
        } catch (JOSEException e) {
            return null;
        }
        return null;
    }

    /**
     * @param alg an HMAC algorithm
     * @return the smallest secret RFC 7518 allows for it: as many bits as the hash
     */
    public static int minimumHmacBits(JWSAlgorithm alg) {
        return Integer.parseInt(alg.getName().substring(2));
    }

    private static String identity(JWK jwk, JWSAlgorithm alg) {
        try {
            return jwk.getKeyID() + ' ' + alg.getName() + ' ' + jwk.computeThumbprint();
        } catch (JOSEException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private record Entry(String kid, JWSAlgorithm alg, JWSVerifier verifier, String identity) {
        Entry {
            Objects.requireNonNull(alg, "alg");
        }
    }
}
