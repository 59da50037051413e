package dev.portcullis.core.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.core.testing.StandardError;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Building {@link UpstreamTls}: every bad file fails at once with the setting and the file named and never the
 * password. The handshakes themselves are tested against real TLS servers in gateway-servlet
 * ({@code UpstreamTlsContract}) for both clients.
 */
class UpstreamTlsTest {
    private static final char[] PASSWORD = "s3cret-Pa55".toCharArray();
    private static final char[] WRONG = "not-the-Pa55".toCharArray();
    private static final Path JDK_CACERTS = Path.of(System.getProperty("java.home"), "lib", "security", "cacerts");

    @TempDir
    Path directory;

    private static String failure(Executable building) {
        String message = assertThrows(IllegalArgumentException.class, building).getMessage();
        assertFalse(message.contains(new String(PASSWORD)) || message.contains(new String(WRONG)),
                "a password leaked: " + message);
        return message;
    }

    private Path emptyPkcs12(String name) throws Exception {
        return save(store(), name, PASSWORD);
    }

    private Path save(KeyStore store, String name, char[] password) throws Exception {
        Path file = directory.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password);
        }
        return file;
    }

    private static KeyStore store() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }

    private static Certificate someCaCertificate() throws Exception {
        KeyStore cacerts = KeyStore.getInstance(JDK_CACERTS.toFile(), (char[]) null);
        return cacerts.getCertificate(Collections.list(cacerts.aliases()).get(0));
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END "
                + label + "-----\n";
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(directory.resolve(name), text, StandardCharsets.US_ASCII);
    }

    private static PrivateKey newEcKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair().getPrivate();
    }

    @Test
    void theDefaultsAreTheJdksContextWithHostNamesVerified() throws Exception {
        UpstreamTls defaults = UpstreamTls.defaults();
        assertTrue(defaults.hostnameVerification());
        assertEquals(javax.net.ssl.SSLContext.getDefault(), defaults.sslContext());
        assertEquals("HTTPS", defaults.sslParameters().getEndpointIdentificationAlgorithm());
        assertEquals("HTTPS", UpstreamTls.builder().build().sslParameters().getEndpointIdentificationAlgorithm());
    }

    @Test
    void aMissingTrustStoreFailsNamingTheSettingAndTheFile() {
        Path missing = directory.resolve("missing.p12");
        assertEquals("trustStore: " + missing + ": no such file",
                failure(() -> UpstreamTls.builder().trustStore(missing, PASSWORD)));
    }

    @Test
    void aDirectoryIsNotAReadableTrustStore() {
        assertEquals("trustStore: " + directory + ": not a readable file",
                failure(() -> UpstreamTls.builder().trustStore(directory, PASSWORD)));
    }

    @Test
    void aFileOfNoKnownFormatFailsNamingTheFormatsThatAreRead() throws Exception {
        Path garbage = write("garbage.bin", "this is no key store");
        assertEquals("trustStore: " + garbage + ": neither a PEM file nor a PKCS12 or JKS key store",
                failure(() -> UpstreamTls.builder().trustStore(garbage, PASSWORD)));
    }

    @Test
    void aPkcs12TrustStoreWithTheWrongPasswordFailsWithoutNamingEitherPassword() throws Exception {
        Path store = emptyPkcs12("trust.p12");
        assertEquals("trustStore: " + store + ": wrong password, or the store is damaged",
                failure(() -> UpstreamTls.builder().trustStore(store, WRONG)));
    }

    @Test
    void aJksTrustStoreIsRecognisedAndItsWrongPasswordRefused() throws Exception {
        assertTrue(UpstreamTls.builder().trustStore(JDK_CACERTS, null).build().hostnameVerification());
        assertEquals("trustStore: " + JDK_CACERTS + ": wrong password, or the store is damaged",
                failure(() -> UpstreamTls.builder().trustStore(JDK_CACERTS, WRONG)));
    }

    @Test
    void aTrustStoreWithoutACertificateFails() throws Exception {
        Path store = emptyPkcs12("empty.p12");
        assertEquals("trustStore: " + store + ": holds no certificate",
                failure(() -> UpstreamTls.builder().trustStore(store, PASSWORD)));
    }

    @Test
    void aPemTrustStoreOfCertificatesIsReadAndOneWithoutAnyFails() throws Exception {
        Path ca = write("ca.pem", pem("CERTIFICATE", someCaCertificate().getEncoded()));
        assertTrue(UpstreamTls.builder().trustStore(ca, null).build().toString().contains("trust store " + ca));
        Path key = write("key.pem", pem("PRIVATE KEY", newEcKey().getEncoded()));
        assertTrue(failure(() -> UpstreamTls.builder().trustStore(key, null))
                .startsWith("trustStore: " + key + ": not a file of PEM certificates"));
    }

    @Test
    void aPkcs12TrustStoreWhoseCertificatesAreEncryptedNeedsItsPassword() throws Exception {
        KeyStore trust = store();
        trust.setCertificateEntry("ca", someCaCertificate());
        Path file = save(trust, "ca.p12", PASSWORD);
        assertTrue(UpstreamTls.builder().trustStore(file, PASSWORD).build().hostnameVerification());
        assertEquals("trustStore: " + file + ": holds no certificate it can show without a password",
                failure(() -> UpstreamTls.builder().trustStore(file, null)));
    }

    @Test
    void aMissingClientCertificateStoreFailsNamingTheSettingAndTheFile() {
        Path missing = directory.resolve("client.p12");
        assertEquals("clientCertificate: " + missing + ": no such file",
                failure(() -> UpstreamTls.builder().clientCertificate(missing, PASSWORD)));
    }

    @Test
    void aClientCertificateStoreWithTheWrongPasswordFails() throws Exception {
        Path store = emptyPkcs12("client.p12");
        assertEquals("clientCertificate: " + store + ": wrong password, or the store is damaged",
                failure(() -> UpstreamTls.builder().clientCertificate(store, WRONG)));
    }

    @Test
    void aClientCertificateStoreWithoutAPrivateKeyFails() throws Exception {
        Path store = emptyPkcs12("client.p12");
        assertTrue(failure(() -> UpstreamTls.builder().clientCertificate(store, PASSWORD))
                .startsWith("clientCertificate: " + store + ": holds no private key with its certificate"));
    }

    @Test
    void aClientKeyWithAnotherPasswordThanItsStoreFails() throws Exception {
        KeyStore keys = store();
        keys.setKeyEntry("client", newEcKey(), WRONG, new Certificate[] {someCaCertificate()});
        Path store = save(keys, "client.p12", PASSWORD);
        assertTrue(failure(() -> UpstreamTls.builder().clientCertificate(store, PASSWORD))
                .startsWith("clientCertificate: " + store + ": the private key cannot be opened"));
    }

    @Test
    void aPemKeyInAnotherFormThanPkcs8FailsSayingHowToConvertIt() throws Exception {
        Path chain = write("chain.pem", pem("CERTIFICATE", someCaCertificate().getEncoded()));
        String encryptedHeaders = "Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,0123456789ABCDEF\n\n";
        for (String label : new String[] {"RSA PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY"}) {
            Path key = write("key.pem", pem(label, new byte[] {1, 2, 3}).replace("-----\n", "-----\n"
                    + encryptedHeaders));
            String message = failure(() -> UpstreamTls.builder().clientCertificatePem(key, chain));
            assertTrue(message.startsWith("clientCertificate: " + key + ": the key is a PEM '" + label + "'"), message);
            assertTrue(message.contains("openssl pkcs8 -topk8 -nocrypt"), message);
        }
    }

    @Test
    void aPemFileWithoutAPrivateKeyFails() throws Exception {
        Path chain = write("chain.pem", pem("CERTIFICATE", someCaCertificate().getEncoded()));
        assertEquals("clientCertificate: " + chain + ": holds no PEM private key (BEGIN PRIVATE KEY)",
                failure(() -> UpstreamTls.builder().clientCertificatePem(chain, chain)));
    }

    @Test
    void aPemKeyThatDoesNotBelongToTheCertificateFails() throws Exception {
        Path key = write("key.pem", pem("PRIVATE KEY", newEcKey().getEncoded()));
        Path chain = write("chain.pem", pem("CERTIFICATE", someCaCertificate().getEncoded()));
        assertEquals("clientCertificate: " + key + ": this private key does not belong to the first certificate in "
                + chain, failure(() -> UpstreamTls.builder().clientCertificatePem(key, chain)));
    }

    @Test
    void aMissingPemChainFailsNamingIt() throws Exception {
        Path key = write("key.pem", pem("PRIVATE KEY", newEcKey().getEncoded()));
        Path chain = directory.resolve("chain.pem");
        assertEquals("clientCertificate: " + chain + ": no such file",
                failure(() -> UpstreamTls.builder().clientCertificatePem(key, chain)));
    }

    @Test
    void turningHostnameVerificationOffLogsOneWarningAndDropsTheEndpointCheck() {
        UpstreamTls[] built = new UpstreamTls[1];
        String log = StandardError.captured(() -> built[0] = UpstreamTls.builder().hostnameVerification(false).build());
        assertFalse(built[0].hostnameVerification());
        assertNull(built[0].sslParameters().getEndpointIdentificationAlgorithm());
        assertEquals(1, log.split("WARN", -1).length - 1, log);
        assertTrue(log.contains("host name verification off"), log);
    }
}
