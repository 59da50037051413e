package dev.portcullis.core.internal.tls;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.util.Arrays;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The JDK's key and trust managers for the files of {@link dev.portcullis.core.client.UpstreamTls}, checked at once so
 * that a store without a certificate, a key store without a key, or a key whose password differs from its store's
 * fails at startup with the setting and the file named, not at the first handshake.
 *
 * <pre>{@code
 * KeyStore trust = TlsManagers.trustStore("trustStore", Path.of("ca.p12"), password);
 * SSLContext context = SSLContext.getInstance("TLS");
 * context.init(null, TlsManagers.trustManagers(trust, true), null);
 * }</pre>
 */
public final class TlsManagers {
    private TlsManagers() {
    }

    /**
     * @param setting the setting naming the file
     * @param file a PEM file of certificates, or a PKCS12 or JKS store
     * @param password the store's password, {@code null} for PEM or none
     * @return the store, holding at least one certificate
     * @throws IllegalArgumentException naming the setting and the file
     */
    public static KeyStore trustStore(String setting, Path file, char[] password) {
        KeyStore store = TlsFiles.store(setting, file, password);
        if (!TlsFiles.holds(store, false)) {
            throw TlsFiles.invalid(setting, file, "holds no certificate" + (password == null
                    ? " it can show without a password" : ""));
        }
        return store;
    }

    /**
     * @param trust the trusted certificates, {@code null} for the JDK's default trust (its {@code cacerts}, or the
     *     {@code javax.net.ssl.trustStore} system property)
     * @param hostnameVerification {@code false} to check the chain only, not the host name
     * @return the trust managers
     */
    public static TrustManager[] trustManagers(KeyStore trust, boolean hostnameVerification) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            TrustManager[] managers = factory.getTrustManagers();
            return hostnameVerification ? managers : Arrays.stream(managers)
                    .map(manager -> manager instanceof X509TrustManager x509
                            ? new HostnameIgnoringTrustManager(x509) : manager)
                    .toArray(TrustManager[]::new);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's trust manager cannot be created: " + e.getMessage(), e);
        }
    }

    /**
     * @param setting the setting naming the file
     * @param file a PKCS12 or JKS key store holding a private key and its certificate chain
     * @param password the store's password, which must also protect its key
     * @return the key managers presenting the store's key and certificate chain
     * @throws IllegalArgumentException naming the setting and the file when it is missing, unreadable, of no known
     *     format, the password is wrong, it holds no private key or its key has another password
     */
    public static KeyManager[] keyManagers(String setting, Path file, char[] password) {
        return managers(setting, file, TlsFiles.store(setting, file, password), password);
    }

    /**
     * @param setting the setting naming the files
     * @param keyFile an unencrypted PKCS#8 private key, PEM
     * @param chainFile its certificate first, then the intermediates, PEM
     * @return the key managers presenting that key and chain
     * @throws IllegalArgumentException naming the setting and the file at fault
     */
    public static KeyManager[] pemKeyManagers(String setting, Path keyFile, Path chainFile) {
        char[] inMemory = new char[0];
        return managers(setting, keyFile, PemFiles.keyStore(setting, keyFile, chainFile, inMemory), inMemory);
    }

    private static KeyManager[] managers(String setting, Path file, KeyStore keys, char[] password) {
        if (!TlsFiles.holds(keys, true)) {
            throw TlsFiles.invalid(setting, file, "holds no private key with its certificate (for PEM files, give "
                    + "the key and the certificate chain as two files)");
        }
        try {
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keys, password);
            return factory.getKeyManagers();
        } catch (UnrecoverableKeyException e) {
            throw TlsFiles.invalid(setting, file, "the private key cannot be opened with the store's password "
                    + "(give the key the store's password)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's key manager cannot be created: " + e.getMessage(), e);
        }
    }
}
