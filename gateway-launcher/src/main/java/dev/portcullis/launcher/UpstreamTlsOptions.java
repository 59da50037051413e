package dev.portcullis.launcher;

import dev.portcullis.core.client.UpstreamTls;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The launcher's {@code --upstream-*} TLS options: a trust store for {@code https} upstreams and a client certificate
 * for mTLS, as files, with passwords only ever read from environment variables, never from the command line.
 * {@link #toUpstreamTls(Function)} reads the files at startup. Immutable.
 *
 * <pre>{@code
 * // --upstream-trust-store /etc/portcullis/ca.p12 --upstream-trust-store-password-env CA_PASSWORD
 * Optional<UpstreamTls> tls = options.upstreamTls().toUpstreamTls(System::getenv);
 * }</pre>
 *
 * @param trustStore {@value #TRUST_STORE}: certificates to trust instead of the JDK's CAs (PEM, PKCS12 or JKS)
 * @param trustStorePasswordEnv {@value #TRUST_STORE_PASSWORD_ENV}: the variable holding its password
 * @param clientCertificate {@value #CLIENT_CERT}: a PKCS12 or JKS key store, or a PEM chain with
 *     {@value #CLIENT_KEY}
 * @param clientCertificatePasswordEnv {@value #CLIENT_CERT_PASSWORD_ENV}: the variable holding the key store's
 *     password
 * @param clientKey {@value #CLIENT_KEY}: the unencrypted PKCS#8 PEM key of a PEM client certificate
 */
public record UpstreamTlsOptions(Optional<Path> trustStore, Optional<String> trustStorePasswordEnv,
                                 Optional<Path> clientCertificate, Optional<String> clientCertificatePasswordEnv,
                                 Optional<Path> clientKey) {
    /** Trust these certificates for {@code https} upstreams. */
    public static final String TRUST_STORE = "--upstream-trust-store";
    /** The environment variable holding the trust store's password. */
    public static final String TRUST_STORE_PASSWORD_ENV = "--upstream-trust-store-password-env";
    /** Present this client certificate (mTLS). */
    public static final String CLIENT_CERT = "--upstream-client-cert";
    /** The environment variable holding the client key store's password. */
    public static final String CLIENT_CERT_PASSWORD_ENV = "--upstream-client-cert-password-env";
    /** The PEM key of a PEM client certificate. */
    public static final String CLIENT_KEY = "--upstream-client-key";
    /** No TLS option given: the clients' defaults (the JDK's CAs, host names verified, no client certificate). */
    public static final UpstreamTlsOptions NONE = new UpstreamTlsOptions(Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty());
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** Checks that no option is null. */
    public UpstreamTlsOptions {
        Objects.requireNonNull(trustStore, "trustStore");
        Objects.requireNonNull(trustStorePasswordEnv, "trustStorePasswordEnv");
        Objects.requireNonNull(clientCertificate, "clientCertificate");
        Objects.requireNonNull(clientCertificatePasswordEnv, "clientCertificatePasswordEnv");
        Objects.requireNonNull(clientKey, "clientKey");
    }

    /**
     * @param option one of this record's options
     * @param value its value
     * @return these options with that one set
     * @throws UsageException if it was given before, or names no valid environment variable
     */
    UpstreamTlsOptions with(String option, String value) throws UsageException {
        switch (option) {
            case TRUST_STORE:
                return new UpstreamTlsOptions(once(option, trustStore, path(option, value)), trustStorePasswordEnv,
                        clientCertificate, clientCertificatePasswordEnv, clientKey);
            case TRUST_STORE_PASSWORD_ENV:
                return new UpstreamTlsOptions(trustStore, once(option, trustStorePasswordEnv, variable(option, value)),
                        clientCertificate, clientCertificatePasswordEnv, clientKey);
            case CLIENT_CERT:
                return new UpstreamTlsOptions(trustStore, trustStorePasswordEnv,
                        once(option, clientCertificate, path(option, value)), clientCertificatePasswordEnv, clientKey);
            case CLIENT_CERT_PASSWORD_ENV:
                return new UpstreamTlsOptions(trustStore, trustStorePasswordEnv, clientCertificate,
                        once(option, clientCertificatePasswordEnv, variable(option, value)), clientKey);
            case CLIENT_KEY:
                return new UpstreamTlsOptions(trustStore, trustStorePasswordEnv, clientCertificate,
                        clientCertificatePasswordEnv, once(option, clientKey, path(option, value)));
            default:
                throw new IllegalArgumentException("not a TLS option: " + option);
        }
    }

    /** @throws UsageException naming an option given without the one it belongs to */
    void check() throws UsageException {
        if (trustStorePasswordEnv.isPresent() && trustStore.isEmpty()) {
            throw new UsageException(TRUST_STORE_PASSWORD_ENV, "needs " + TRUST_STORE);
        }
        if ((clientCertificatePasswordEnv.isPresent() || clientKey.isPresent()) && clientCertificate.isEmpty()) {
            throw new UsageException(clientKey.isPresent() ? CLIENT_KEY : CLIENT_CERT_PASSWORD_ENV,
                    "needs " + CLIENT_CERT);
        }
        if (clientKey.isPresent() && clientCertificatePasswordEnv.isPresent()) {
            throw new UsageException(CLIENT_CERT_PASSWORD_ENV, "a PEM key is read unencrypted; for a password-"
                    + "protected key use a PKCS12 key store as " + CLIENT_CERT + " without " + CLIENT_KEY);
        }
    }

    /**
     * Reads the passwords from the environment and the files from disk.
     *
     * @param environment looks up an environment variable ({@code System::getenv}); {@code null} when unset
     * @return the TLS settings for the upstream client, or empty when no TLS option was given
     * @throws UsageException naming the option whose variable is unset or whose file is missing, unreadable, of no
     *     known format or opened with the wrong password; never holding a password
     */
    public Optional<UpstreamTls> toUpstreamTls(Function<String, String> environment) throws UsageException {
        if (equals(NONE)) {
            return Optional.empty();
        }
        UpstreamTls.Builder tls = UpstreamTls.builder();
        if (trustStore.isPresent()) {
            char[] password = password(environment, TRUST_STORE_PASSWORD_ENV, trustStorePasswordEnv);
            try {
                tls.trustStore(trustStore.get(), password);
            } catch (IllegalArgumentException e) {
                throw rejected(TRUST_STORE, e);
            }
        }
        if (clientCertificate.isPresent()) {
            char[] password = password(environment, CLIENT_CERT_PASSWORD_ENV, clientCertificatePasswordEnv);
            try {
                if (clientKey.isPresent()) {
                    tls.clientCertificatePem(clientKey.get(), clientCertificate.get());
                } else {
                    tls.clientCertificate(clientCertificate.get(), password);
                }
            } catch (IllegalArgumentException e) {
                boolean keyAtFault = clientKey.isPresent() && e.getMessage().contains(": " + clientKey.get() + ": ");
                throw rejected(keyAtFault ? CLIENT_KEY : CLIENT_CERT, e);
            }
        }
        return Optional.of(tls.build());
    }

    /** @return what {@code Main} prints about upstream TLS, or empty for the defaults */
    Optional<String> summary() {
        if (equals(NONE)) {
            return Optional.empty();
        }
        return Optional.of(trustStore.map(path -> "trust store " + path).orElse("the JDK's trusted CAs")
                + clientCertificate.map(path -> ", client certificate " + path).orElse(""));
    }

    private static char[] password(Function<String, String> environment, String option, Optional<String> variable)
            throws UsageException {
        if (variable.isEmpty()) {
            return null;
        }
        String value = environment.apply(variable.get());
        if (value == null) {
            throw new UsageException(option, "the environment variable " + variable.get() + " is not set");
        }
        return value.toCharArray();
    }

    /** UpstreamTls names its own setting first ({@code trustStore: <file>: reason}); the option replaces it. */
    private static UsageException rejected(String option, IllegalArgumentException failure) {
        String message = failure.getMessage();
        return new UsageException(option, message.substring(message.indexOf(": ") + 2));
    }

    private static <T> Optional<T> once(String option, Optional<T> previous, T value) throws UsageException {
        if (previous.isPresent()) {
            throw new UsageException(option, "given twice");
        }
        return Optional.of(value);
    }

    private static Path path(String option, String value) throws UsageException {
        try {
            if (!value.isBlank()) {
                return Path.of(value);
            }
        } catch (InvalidPathException e) {
            // reported below
        }
        throw new UsageException(option, "expected a file path, was '" + value + "'");
    }

    private static String variable(String option, String value) throws UsageException {
        if (!VARIABLE.matcher(value).matches()) {
            throw new UsageException(option, "expected the name of an environment variable such as CA_PASSWORD "
                    + "(the password itself never goes on the command line, so it is not echoed here)");
        }
        return value;
    }
}
