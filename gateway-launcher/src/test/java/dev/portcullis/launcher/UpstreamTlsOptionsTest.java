package dev.portcullis.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.core.client.UpstreamTls;
import dev.portcullis.servlet.it.TestCertificates;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Turning the {@code --upstream-*} options into {@link UpstreamTls}: passwords from the environment, files read. */
class UpstreamTlsOptionsTest {
    private static final String PASSWORD = new String(TestCertificates.PASSWORD);
    private static TestCertificates certificates;

    @BeforeAll
    static void generateCertificates() throws Exception {
        certificates = TestCertificates.get();
    }

    private static UpstreamTlsOptions parse(String... tlsOptions) throws UsageException {
        String[] args = new String[tlsOptions.length + 2];
        args[0] = "--route";
        args[1] = "/=https://localhost:1";
        System.arraycopy(tlsOptions, 0, args, 2, tlsOptions.length);
        return LauncherOptions.parse(args).upstreamTls();
    }

    private static String failure(UpstreamTlsOptions options, Map<String, String> environment) {
        String message = assertThrows(UsageException.class, () -> options.toUpstreamTls(environment::get))
                .getMessage();
        assertFalse(message.contains(PASSWORD) || message.contains("wrong-secret"), "a password leaked: " + message);
        return message;
    }

    @Test
    void withoutTlsOptionsTheClientsKeepTheirDefaults() throws Exception {
        assertEquals(Optional.empty(), UpstreamTlsOptions.NONE.toUpstreamTls(Map.<String, String>of()::get));
    }

    @Test
    void aPkcs12TrustStoreIsOpenedWithThePasswordFromTheNamedVariable() throws Exception {
        UpstreamTls tls = parse("--upstream-trust-store", certificates.caPkcs12().toString(),
                "--upstream-trust-store-password-env", "CA_PASSWORD")
                .toUpstreamTls(Map.of("CA_PASSWORD", PASSWORD)::get).orElseThrow();
        assertEquals("trust store " + certificates.caPkcs12() + ", host names verified", tls.toString());
    }

    @Test
    void anUnsetPasswordVariableIsAnErrorNamingTheOptionAndTheVariable() throws Exception {
        UpstreamTlsOptions options = parse("--upstream-trust-store", certificates.caPkcs12().toString(),
                "--upstream-trust-store-password-env", "CA_PASSWORD");
        assertEquals("--upstream-trust-store-password-env: the environment variable CA_PASSWORD is not set",
                failure(options, Map.of()));
    }

    @Test
    void aWrongPasswordIsAnErrorNamingTheOptionAndTheFileButNotThePassword() throws Exception {
        UpstreamTlsOptions trust = parse("--upstream-trust-store", certificates.caPkcs12().toString(),
                "--upstream-trust-store-password-env", "CA_PASSWORD");
        assertEquals("--upstream-trust-store: " + certificates.caPkcs12() + ": wrong password, or the store is damaged",
                failure(trust, Map.of("CA_PASSWORD", "wrong-secret")));
        UpstreamTlsOptions client = parse("--upstream-client-cert", certificates.clientPkcs12().toString(),
                "--upstream-client-cert-password-env", "GW_PASSWORD");
        assertEquals("--upstream-client-cert: " + certificates.clientPkcs12()
                + ": wrong password, or the store is damaged", failure(client, Map.of("GW_PASSWORD", "wrong-secret")));
    }

    @Test
    void aMissingPemKeyOrChainIsAnErrorNamingTheOptionOfThatFile() throws Exception {
        Path missing = certificates.caPem().resolveSibling("missing.pem");
        assertEquals("--upstream-client-key: " + missing + ": no such file",
                failure(parse("--upstream-client-cert", certificates.clientChainPem().toString(),
                        "--upstream-client-key", missing.toString()), Map.of()));
        assertEquals("--upstream-client-cert: " + missing + ": no such file",
                failure(parse("--upstream-client-cert", missing.toString(),
                        "--upstream-client-key", certificates.clientKeyPem().toString()), Map.of()));
    }

    @Test
    void aPemClientCertificateNeedsNoPassword() throws Exception {
        UpstreamTls tls = parse("--upstream-trust-store", certificates.caPem().toString(),
                "--upstream-client-cert", certificates.clientChainPem().toString(),
                "--upstream-client-key", certificates.clientKeyPem().toString())
                .toUpstreamTls(Map.<String, String>of()::get).orElseThrow();
        assertTrue(tls.toString().contains("client certificate " + certificates.clientChainPem()), tls.toString());
    }
}
