package dev.portcullis.core.client;

import dev.portcullis.core.internal.tls.TlsManagers;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Objects;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How an upstream client speaks TLS to {@code https} upstreams: the certificates it trusts, whether it checks that
 * the upstream's certificate names the host it connected to, and the client certificate it presents when the
 * upstream asks for one (mTLS). Both {@link JdkUpstreamClient} and {@code JettyUpstreamClient} take one value of this
 * type, so the two clients verify the same way. Immutable and thread-safe.
 *
 * <p><b>Defaults</b> ({@link #defaults()}, used by both clients unless told otherwise): the JDK's default
 * {@link SSLContext}, so the JDK's trusted CAs ({@code cacerts}, or the {@code javax.net.ssl.trustStore} system
 * property), host name verification on (RFC 2818 / RFC 6125 rules, also when the JVM-wide
 * {@code jdk.internal.httpclient.disableHostnameVerification} property is set), SNI sent with the upstream's host
 * name, and the JDK's TLS versions (1.3 and 1.2).
 *
 * <p><b>Files are read by the builder's methods</b>, at once: a missing or unreadable file, a wrong password, a store
 * of no known format or without a certificate, a key store without a private key, or a PEM key that does not belong
 * to its certificate fails there with an {@link IllegalArgumentException} whose message names the setting
 * ({@code trustStore} or {@code clientCertificate}) and the file, never the password, so a bad file stops the
 * application at startup rather than the first request. Store formats are recognised from the contents: a PEM file,
 * a PKCS12 or a JKS key store. No password is kept.
 *
 * <pre>{@code
 * UpstreamTls tls = UpstreamTls.builder()
 *     .trustStore(Path.of("/etc/portcullis/upstream-ca.pem"), null)            // instead of the JDK's CAs
 *     .clientCertificate(Path.of("/etc/portcullis/gateway.p12"), password)      // mTLS
 *     .build();
 * UpstreamClient client = JdkUpstreamClient.builder().tls(tls).build();        // or JettyUpstreamClient.builder()
 * }</pre>
 */
public final class UpstreamTls {
    private static final Logger LOG = LoggerFactory.getLogger(UpstreamTls.class);
    private static final String HTTPS_IDENTIFICATION = "HTTPS";

    private final SSLContext context;
    private final boolean hostnameVerification;
    private final String description;

    private UpstreamTls(SSLContext context, boolean hostnameVerification, String description) {
        this.context = context;
        this.hostnameVerification = hostnameVerification;
        this.description = description;
    }

    /**
     * @return the JDK's default TLS context with host name verification on: what both clients use unless given
     *     another value
     * @throws IllegalStateException if the JDK's default context cannot be created (a broken
     *     {@code javax.net.ssl.*} system property)
     */
    public static UpstreamTls defaults() {
        try {
            return new UpstreamTls(SSLContext.getDefault(), true, "the JDK's trusted CAs, host names verified");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's default TLS context cannot be created; check the "
                    + "javax.net.ssl.* system properties: " + e.getMessage(), e);
        }
    }

    /** @return a builder, starting from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the TLS context to create connections with; shared, do not re-initialise it */
    public SSLContext sslContext() {
        return context;
    }

    /** @return whether the upstream's certificate must name the host connected to (default {@code true}) */
    public boolean hostnameVerification() {
        return hostnameVerification;
    }

    /**
     * @return new parameters for the JDK HTTP client: the context's defaults, with the {@code HTTPS} endpoint
     *     identification algorithm when host names are verified
     */
    public SSLParameters sslParameters() {
        SSLParameters parameters = context.getDefaultSSLParameters();
        parameters.setEndpointIdentificationAlgorithm(hostnameVerification ? HTTPS_IDENTIFICATION : null);
        return parameters;
    }

    /** @return what is trusted and presented, with the files' paths; never a password */
    @Override
    public String toString() {
        return description;
    }

    /** Collects the TLS settings, reading each file as it is given. Not thread-safe. */
    public static final class Builder {
        private KeyStore trust;
        private String trustDescription = "the JDK's trusted CAs";
        private KeyManager[] keys;
        private String keyDescription = "";
        private boolean hostnameVerification = true;

        private Builder() {
        }

        /**
         * Trusts the certificates of this file instead of the JDK's CAs: typically your own CA, or the upstream's
         * self-signed certificate.
         *
         * @param file a PEM file of one or more certificates, or a PKCS12 or JKS key store
         * @param password the store's password; {@code null} for a PEM file or a store without one
         * @return this builder
         * @throws IllegalArgumentException starting {@code trustStore: <file>:} when the file is missing or unreadable,
         *     of no known format, the password is wrong, or it holds no certificate
         */
        public Builder trustStore(Path file, char[] password) {
            Objects.requireNonNull(file, "trustStore");
            this.trust = TlsManagers.trustStore("trustStore", file, password);
            this.trustDescription = "trust store " + file;
            return this;
        }

        /**
         * Presents the private key and certificate chain of this key store to upstreams that ask for a client
         * certificate (mTLS).
         *
         * @param keyStore a PKCS12 or JKS key store holding a private key and its certificate chain; the key has the
         *     store's password
         * @param password the store's password
         * @return this builder
         * @throws IllegalArgumentException starting {@code clientCertificate: <file>:} when the file is missing or
         *     unreadable, of no known format, the password is wrong or it holds no private key
         */
        public Builder clientCertificate(Path keyStore, char[] password) {
            Objects.requireNonNull(keyStore, "clientCertificate");
            char[] secret = password == null ? new char[0] : password;
            this.keys = TlsManagers.keyManagers("clientCertificate", keyStore, secret);
            this.keyDescription = ", client certificate " + keyStore;
            return this;
        }

        /**
         * Presents a PEM private key and certificate chain to upstreams that ask for a client certificate (mTLS).
         *
         * @param privateKey an unencrypted PKCS#8 key ({@code -----BEGIN PRIVATE KEY-----}: RSA, EC or EdDSA); convert
         *     another form with {@code openssl pkcs8 -topk8 -nocrypt}, or use a PKCS12 store to keep it encrypted
         * @param certificateChain the key's certificate first, then any intermediates, PEM
         * @return this builder
         * @throws IllegalArgumentException starting {@code clientCertificate: <file>:} when a file is missing or
         *     unreadable, holds no such key or certificate, or the key does not belong to the first certificate
         */
        public Builder clientCertificatePem(Path privateKey, Path certificateChain) {
            Objects.requireNonNull(privateKey, "clientCertificate");
            Objects.requireNonNull(certificateChain, "clientCertificate");
            this.keys = TlsManagers.pemKeyManagers("clientCertificate", privateKey, certificateChain);
            this.keyDescription = ", client certificate " + certificateChain;
            return this;
        }

        /**
         * <b>Unsafe; for tests and migrations only.</b> With {@code false}, an upstream's certificate is accepted for
         * any host name as long as its chain is trusted, so anyone holding a certificate from a trusted CA can
         * impersonate the upstream. The chain is still checked: this is never "trust everything". {@link #build()}
         * logs a warning.
         *
         * @param verify whether the certificate must name the host connected to; default {@code true}
         * @return this builder
         */
        public Builder hostnameVerification(boolean verify) {
            this.hostnameVerification = verify;
            return this;
        }

        /** @return the settings, ready for either client */
        public UpstreamTls build() {
            try {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(keys, TlsManagers.trustManagers(trust, hostnameVerification), null);
                String description = trustDescription + keyDescription
                        + (hostnameVerification ? ", host names verified" : ", host names NOT verified");
                if (!hostnameVerification) {
                    LOG.warn("upstream TLS with host name verification off ({}): any certificate the trust store "
                            + "trusts is accepted for any upstream host; this is unsafe outside tests", description);
                }
                return new UpstreamTls(context, hostnameVerification, description);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK cannot create a TLS context: " + e.getMessage(), e);
            }
        }
    }
}
