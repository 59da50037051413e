package dev.portcullis.servlet.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Certificates generated once per test JVM with the running JDK's {@code keytool} (EC P-256, valid two days) in a
 * temporary directory: a test CA; server certificates it issued for {@code localhost} (and {@code 127.0.0.1}) and for
 * {@code wrong.example}; a self-signed {@code localhost} certificate nobody trusts; and a client certificate it issued
 * for mTLS, as PKCS12 and as PEM key and chain. Every store has the password {@link #PASSWORD}.
 *
 * <pre>{@code
 * TestCertificates certificates = TestCertificates.get();
 * try (TlsUpstream upstream = TlsUpstream.start(certificates.server(ServerCertificate.TRUSTED), false)) {
 *     UpstreamTls tls = UpstreamTls.builder().trustStore(certificates.caPkcs12(), TestCertificates.PASSWORD).build();
 * }
 * }</pre>
 */
public final class TestCertificates {
    /** The password of every generated store; a test value, nothing else. */
    public static final char[] PASSWORD = "test-store-secret".toCharArray();
    private static final String STORE_PASSWORD = new String(PASSWORD);
    private static final String CA = "ca";
    private static final String CLIENT = "client";
    private static TestCertificates instance;

    private final Path directory;
    private final KeyStore generated;

    /** The server certificates the generated CA issued, and the one it did not. */
    public enum ServerCertificate {
        /** Issued by the test CA for {@code localhost} and {@code 127.0.0.1}. */
        TRUSTED("localhost", "-signer", CA, "-ext", "san=dns:localhost,ip:127.0.0.1"),
        /** Issued by the test CA for {@code wrong.example} only. */
        WRONG_HOST("wrong-host", "-signer", CA, "-ext", "san=dns:wrong.example"),
        /** Self-signed for {@code localhost}: in no trust store. */
        SELF_SIGNED("self-signed", "-ext", "san=dns:localhost");

        private final String alias;
        private final List<String> keytoolArguments;

        ServerCertificate(String alias, String... keytoolArguments) {
            this.alias = alias;
            this.keytoolArguments = List.of(keytoolArguments);
        }
    }

    private TestCertificates(Path directory, KeyStore generated) {
        this.directory = directory;
        this.generated = generated;
    }

    /**
     * @return the certificates, generated on first use
     * @throws IOException if {@code keytool} fails or the files cannot be written
     */
    public static synchronized TestCertificates get() throws IOException {
        if (instance == null) {
            instance = generate();
        }
        return instance;
    }

    /** @return a PKCS12 trust store holding the test CA's certificate */
    public Path caPkcs12() {
        return directory.resolve("ca.p12");
    }

    /** @return the test CA's certificate, PEM */
    public Path caPem() {
        return directory.resolve("ca.pem");
    }

    /** @return a PKCS12 key store holding the client key and its chain (client certificate, CA) */
    public Path clientPkcs12() {
        return directory.resolve("client.p12");
    }

    /** @return the client's private key, unencrypted PKCS#8 PEM */
    public Path clientKeyPem() {
        return directory.resolve("client-key.pem");
    }

    /** @return the client's certificate chain, PEM */
    public Path clientChainPem() {
        return directory.resolve("client-chain.pem");
    }

    /** @return the subject of the client certificate, as a server sees it */
    public static String clientSubject() {
        return "CN=portcullis-test-client";
    }

    /**
     * @param which the server certificate
     * @return an in-memory key store with that key and its chain, password {@link #PASSWORD}
     */
    public KeyStore server(ServerCertificate which) {
        return keyStoreOf(which.alias);
    }

    /** @return an in-memory store trusting the test CA, for a server that checks client certificates */
    public KeyStore caTrust() {
        try {
            KeyStore trust = emptyStore();
            trust.setCertificateEntry(CA, generated.getCertificate(CA));
            return trust;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private KeyStore keyStoreOf(String alias) {
        try {
            KeyStore store = emptyStore();
            store.setKeyEntry(alias, generated.getKey(alias, PASSWORD), PASSWORD, generated.getCertificateChain(alias));
            return store;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs {@code keytool} in two rounds of parallel processes (the CA and the self-signed certificate, then the
     * certificates the CA issues, each in a copy of the CA's store): a keytool run is a JVM start, seconds on a busy
     * machine.
     */
    private static TestCertificates generate() throws IOException {
        Path directory = Files.createTempDirectory("portcullis-tls");
        directory.toFile().deleteOnExit();
        Map<String, Process> first = new LinkedHashMap<>();
        first.put(CA, keytool(directory, CA, "CN=Portcullis Test CA", List.of("-ext", "bc:c")));
        ServerCertificate self = ServerCertificate.SELF_SIGNED;
        first.put(self.alias, keytool(directory, self.alias, "CN=" + self.alias, self.keytoolArguments));
        await(first);
        Map<String, Process> second = new LinkedHashMap<>();
        for (ServerCertificate server : List.of(ServerCertificate.TRUSTED, ServerCertificate.WRONG_HOST)) {
            second.put(server.alias, issue(directory, server.alias, "CN=" + server.alias, server.keytoolArguments));
        }
        second.put(CLIENT, issue(directory, CLIENT, clientSubject(), List.of("-signer", CA)));
        await(second);
        List<String> aliases = new ArrayList<>(first.keySet());
        aliases.addAll(second.keySet());
        try {
            KeyStore generated = emptyStore();
            for (String alias : aliases) {
                KeyStore one = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(file(directory, alias))) {
                    one.load(in, PASSWORD);
                }
                generated.setKeyEntry(alias, one.getKey(alias, PASSWORD), PASSWORD, one.getCertificateChain(alias));
            }
            TestCertificates certificates = new TestCertificates(directory, generated);
            certificates.writeFiles();
            return certificates;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read what keytool generated", e);
        }
    }

    private static Process issue(Path directory, String alias, String subject, List<String> extra) throws IOException {
        Files.copy(file(directory, CA), file(directory, alias));
        return keytool(directory, alias, subject, extra);
    }

    private static Path file(Path directory, String alias) {
        Path file = directory.resolve(alias + ".generated.p12");
        file.toFile().deleteOnExit();
        return file;
    }

    private void writeFiles() throws IOException, GeneralSecurityException {
        save(caTrust(), caPkcs12());
        save(keyStoreOf(CLIENT), clientPkcs12());
        write(caPem(), pem("CERTIFICATE", generated.getCertificate(CA).getEncoded()));
        Key key = generated.getKey(CLIENT, PASSWORD);
        write(clientKeyPem(), pem("PRIVATE KEY", key.getEncoded()));
        StringBuilder chain = new StringBuilder();
        for (Certificate certificate : generated.getCertificateChain(CLIENT)) {
            chain.append(pem("CERTIFICATE", certificate.getEncoded()));
        }
        write(clientChainPem(), chain.toString());
    }

    private static Process keytool(Path directory, String alias, String subject, List<String> extra)
            throws IOException {
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        Path keytool = Files.exists(bin.resolve("keytool")) ? bin.resolve("keytool") : bin.resolve("keytool.exe");
        List<String> command = new ArrayList<>(List.of(keytool.toString(), "-J-XX:TieredStopAtLevel=1",
                "-J-XX:+UseSerialGC", "-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", subject, "-validity", "2", "-keystore", file(directory, alias).toString(),
                "-storetype", "PKCS12", "-storepass", STORE_PASSWORD));
        command.addAll(extra);
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static void await(Map<String, Process> running) throws IOException {
        for (Map.Entry<String, Process> entry : running.entrySet()) {
            Process process = entry.getValue();
            try {
                byte[] output = process.getInputStream().readAllBytes();
                if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    throw new IOException("keytool failed for " + entry.getKey() + ": "
                            + new String(output, StandardCharsets.UTF_8));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while keytool ran", e);
            } finally {
                process.destroy();
            }
        }
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return store;
    }

    private static void save(KeyStore store, Path file) throws IOException, GeneralSecurityException {
        file.toFile().deleteOnExit();
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD);
        }
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    private static void write(Path file, String text) throws IOException {
        file.toFile().deleteOnExit();
        Files.writeString(file, text, StandardCharsets.US_ASCII);
    }
}
