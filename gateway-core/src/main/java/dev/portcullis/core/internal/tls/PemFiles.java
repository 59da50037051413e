package dev.portcullis.core.internal.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM files: certificates ({@code BEGIN CERTIFICATE}) and an unencrypted PKCS#8 private key ({@code BEGIN PRIVATE
 * KEY}: RSA, EC or EdDSA), read into in-memory key stores. A key in another PEM form gets an error that says how to
 * convert it.
 *
 * <pre>{@code
 * KeyStore client = PemFiles.keyStore("clientCertificate", Path.of("client.key"), Path.of("client.crt"), new char[0]);
 * }</pre>
 */
final class PemFiles {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "EdDSA", "RSASSA-PSS", "DSA");
    private static final Map<String, String> PROOF_SIGNATURES = Map.of("RSA", "SHA256withRSA",
            "EC", "SHA256withECDSA", "EdDSA", "EdDSA", "Ed25519", "Ed25519", "Ed448", "Ed448");
    private static final byte[] PROOF = "portcullis".getBytes(StandardCharsets.US_ASCII);

    private PemFiles() {
    }

    /**
     * @param setting the setting naming the file
     * @param file the file
     * @param bytes its contents, PEM
     * @return a store with one trusted-certificate entry per certificate
     */
    static KeyStore trustStore(String setting, Path file, byte[] bytes) {
        List<Certificate> certificates = certificates(setting, file, bytes);
        KeyStore store = emptyStore();
        try {
            for (int i = 0; i < certificates.size(); i++) {
                store.setCertificateEntry("certificate-" + i, certificates.get(i));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("an in-memory key store refused a certificate", e);
        }
        return store;
    }

    /**
     * @param setting the setting naming the files
     * @param keyFile an unencrypted PKCS#8 private key, PEM
     * @param chainFile its certificate first, then the intermediates, PEM
     * @param password the password to protect the key entry with in memory
     * @return a store with the one key entry
     * @throws IllegalArgumentException naming the setting and the file at fault
     */
    static KeyStore keyStore(String setting, Path keyFile, Path chainFile, char[] password) {
        PrivateKey key = privateKey(setting, keyFile);
        List<Certificate> chain = certificates(setting, chainFile, TlsFiles.read(setting, chainFile));
        if (!belongTogether(key, chain.get(0))) {
            throw TlsFiles.invalid(setting, keyFile, "this private key does not belong to the first certificate in "
                    + chainFile);
        }
        KeyStore store = emptyStore();
        try {
            store.setKeyEntry("client", key, password, chain.toArray(Certificate[]::new));
        } catch (GeneralSecurityException e) {
            throw TlsFiles.invalid(setting, chainFile, "the certificates do not fit the key (" + e.getMessage() + ")");
        }
        return store;
    }

    private static List<Certificate> certificates(String setting, Path file, byte[] bytes) {
        try {
            List<Certificate> certificates = new ArrayList<>(CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(bytes)));
            if (certificates.isEmpty()) {
                throw TlsFiles.invalid(setting, file, "holds no PEM certificate");
            }
            return certificates;
        } catch (CertificateException e) {
            throw TlsFiles.invalid(setting, file, "not a file of PEM certificates (" + e.getMessage() + ")");
        }
    }

    private static PrivateKey privateKey(String setting, Path file) {
        String text = new String(TlsFiles.read(setting, file), StandardCharsets.US_ASCII);
        Matcher block = BLOCK.matcher(text);
        while (block.find()) {
            String label = block.group(1);
            if (label.equals("PRIVATE KEY")) {
                return decode(setting, file, base64(setting, file, block.group(2)));
            }
            if (label.endsWith("PRIVATE KEY")) {
                throw TlsFiles.invalid(setting, file, "the key is a PEM '" + label + "'; only an unencrypted PKCS#8 key "
                        + "(BEGIN PRIVATE KEY) is read: convert it with 'openssl pkcs8 -topk8 -nocrypt', or put key and "
                        + "certificate in a password-protected PKCS12 key store instead");
            }
        }
        throw TlsFiles.invalid(setting, file, "holds no PEM private key (BEGIN PRIVATE KEY)");
    }

    private static byte[] base64(String setting, Path file, String text) {
        try {
            return Base64.getMimeDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw TlsFiles.invalid(setting, file, "the PEM private key is not valid Base64");
        }
    }

    private static PrivateKey decode(String setting, Path file, byte[] pkcs8) {
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            } catch (GeneralSecurityException e) {
                // not this algorithm; try the next
            }
        }
        throw TlsFiles.invalid(setting, file, "the private key is not an RSA, EC or EdDSA key this JDK can read");
    }

    /** Proves the pair by signing with the key and verifying with the certificate, for the common algorithms. */
    private static boolean belongTogether(PrivateKey key, Certificate certificate) {
        String algorithm = PROOF_SIGNATURES.get(key.getAlgorithm());
        if (algorithm == null) {
            return true;
        }
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(PROOF);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(PROOF);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static KeyStore emptyStore() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("this JDK cannot create an in-memory PKCS12 key store", e);
        }
    }
}
