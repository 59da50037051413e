package dev.portcullis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.config.testing.SettingsRecorder;
import dev.portcullis.servlet.GatewayFilter;
import dev.portcullis.servlet.it.AppServlet;
import dev.portcullis.servlet.it.Http;
import dev.portcullis.servlet.it.RunningServer;
import dev.portcullis.servlet.it.ServletContainer;
import dev.portcullis.servlet.it.TestCertificates;
import dev.portcullis.servlet.it.TestCertificates.ServerCertificate;
import dev.portcullis.servlet.it.TlsUpstream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code client.tls}: the file's trust store and client certificate reach a real mTLS upstream through the real
 * filter in Jetty and Tomcat, with either client; a bad store fails the load at its setting, never showing the
 * password.
 */
class ClientTlsSectionTest {
    private static final String PASSWORD = new String(TestCertificates.PASSWORD);
    private static TestCertificates certificates;

    @TempDir
    Path directory;

    @BeforeAll
    static void generateCertificates() throws IOException {
        certificates = TestCertificates.get();
    }

    private ConfigFiles files() {
        return new ConfigFiles(directory, Map.of("STORE_PASSWORD", PASSWORD));
    }

    private static String[] file(String type, String upstream, String... tls) {
        List<String> lines = new java.util.ArrayList<>(List.of(
                "pipeline: [routing]",
                "routes: [{id: tls, path: /api/**, upstreams: ['" + upstream + "']}]",
                "client:",
                "  type: " + type,
                "  tls:"));
        for (String line : tls) {
            lines.add("    " + line);
        }
        return lines.toArray(String[]::new);
    }

    static List<Object[]> containersAndClients() {
        List<Object[]> cases = new java.util.ArrayList<>();
        for (ServletContainer container : ServletContainer.all().toList()) {
            cases.add(new Object[] {container, "jdk"});
            cases.add(new Object[] {container, "jetty"});
        }
        return cases;
    }

    @ParameterizedTest(name = "{0}, {1} client")
    @MethodSource("containersAndClients")
    void theFilesTrustStoreAndClientCertificateReachAnUpstreamThatRequiresOne(ServletContainer container,
            String client) throws Exception {
        try (TlsUpstream upstream = TlsUpstream.start(certificates.server(ServerCertificate.TRUSTED), true);
             GatewayConfig config = files().load(file(client, upstream.baseUri(),
                     "trustStore: " + certificates.caPkcs12(),
                     "trustStorePassword: ${STORE_PASSWORD}",
                     "clientCertificate: {keyStore: " + certificates.clientPkcs12() + ", password: '${STORE_PASSWORD}'}"));
             RunningServer server = container.start(config.applyTo(GatewayFilter.builder()).build(),
                     new AppServlet())) {
            HttpResponse<String> response = Http.get(server.uri("/api/x"));
            assertEquals(200, response.statusCode(), response.body());
            assertEquals(TlsUpstream.BODY, response.body());
            assertEquals(List.of(TestCertificates.clientSubject()), upstream.clientSubjects());
        }
    }

    @Test
    void aPemKeyAndChainAndHostnameVerificationOffAcceptACertificateForAnotherHost() throws Exception {
        try (TlsUpstream upstream = TlsUpstream.start(certificates.server(ServerCertificate.WRONG_HOST), true);
             GatewayConfig config = files().load(file("jdk", upstream.baseUri(),
                     "trustStore: " + certificates.caPem(),
                     "clientCertificate: {privateKey: " + certificates.clientKeyPem() + ", certificateChain: "
                             + certificates.clientChainPem() + "}",
                     "hostnameVerification: false"));
             RunningServer server = ServletContainer.all().findFirst().orElseThrow()
                     .start(config.applyTo(GatewayFilter.builder()).build(), new AppServlet())) {
            HttpResponse<String> response = Http.get(server.uri("/api/x"));
            assertEquals(200, response.statusCode(), response.body());
        }
    }

    @Test
    void aReloadWithTheSameTlsFilesKeepsTheClientAndAChangedTrustStoreBuildsANewOne() throws IOException {
        Path store = Files.copy(certificates.caPem(), directory.resolve("ca.pem"));
        ConfigFiles files = files();
        GatewayConfig.Loader loader = files.loader();
        String[] file = file("jdk", "https://localhost:1", "trustStore: ca.pem");
        GatewayConfig first = loader.load(files.write(file));
        GatewayConfig same = loader.load(files.write(file), first);
        Files.writeString(store, Files.readString(certificates.caPem()) + "\n");
        GatewayConfig changed = loader.load(files.write(file), same);
        try {
            Object client = first.applyTo(new SettingsRecorder()).given("upstreamClient");
            assertSame(client, same.applyTo(new SettingsRecorder()).given("upstreamClient"));
            assertNotSame(client, changed.applyTo(new SettingsRecorder()).given("upstreamClient"));
        } finally {
            changed.close();
            same.close();
            first.close();
        }
    }

    @Test
    void aMissingStoreAWrongPasswordAndAHalfClientCertificateFailTheLoadAtTheirSettings() throws IOException {
        Path garbage = Files.writeString(directory.resolve("garbage.p12"), "not a key store");
        List<String> problems = new ConfigFiles(directory, Map.of("STORE_PASSWORD", "wrong-password-value"))
                .problems(file("jdk", "https://localhost:1",
                        "trustStore: " + certificates.caPkcs12(),
                        "trustStorePassword: ${STORE_PASSWORD}",
                        "clientCertificate: {privateKey: " + garbage + "}"));
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("gateway.yaml:6:17: client.tls.trustStore: trustStore: "),
                problems.get(0));
        assertTrue(problems.get(1).startsWith("gateway.yaml:8:24: client.tls.clientCertificate: set keyStore (with "
                + "password), or privateKey and certificateChain"), problems.get(1));
        assertFalse(String.join("\n", problems).contains("wrong-password-value"), problems.toString());
        assertEquals(List.of("gateway.yaml:6:17: client.tls.trustStore: the file 'missing.pem' does not exist "
                        + "(looked for missing.pem)"),
                files().problems(file("jdk", "https://localhost:1", "trustStore: missing.pem")));
    }
}
