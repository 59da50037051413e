package dev.portcullis.servlet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.Body;
import dev.portcullis.api.HttpHeaders;
import dev.portcullis.core.client.JdkUpstreamClient;
import dev.portcullis.core.client.UpstreamRequest;
import dev.portcullis.core.client.UpstreamTls;
import dev.portcullis.servlet.it.TestCertificates.ServerCertificate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The JDK HTTP client reads {@code jdk.internal.httpclient.disableHostnameVerification} once per JVM, so this test
 * runs a second JVM with the property set: there a plain JDK client accepts a certificate for another host name (the
 * property works), while {@link JdkUpstreamClient} still refuses it.
 */
class JdkHostnameVerificationPropertyTest {
    private static final String PROPERTY = "jdk.internal.httpclient.disableHostnameVerification";

    @Test
    void theJdkClientVerifiesHostNamesEvenWhenTheJvmWidePropertyTurnsThemOff() throws Exception {
        TestCertificates certificates = TestCertificates.get();
        try (TlsUpstream upstream = TlsUpstream.start(certificates.server(ServerCertificate.WRONG_HOST), false)) {
            Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-D" + PROPERTY + "=true", "-cp", System.getProperty("java.class.path"), Probe.class.getName(),
                    upstream.baseUri(), certificates.caPem().toString()).redirectErrorStream(true).start();
            String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(probe.waitFor(60, TimeUnit.SECONDS), output);
            assertTrue(output.contains("plain JDK client: 200"), output);
            assertTrue(output.contains("JdkUpstreamClient: refused, javax.net.ssl.SSLHandshakeException: No subject "
                    + "alternative DNS name matching localhost found"), output);
            assertEquals(List.of("localhost"), upstream.serverNames(), "only the plain client's request arrives");
        }
    }

    /** Runs in the second JVM: args are the upstream URI and the CA's PEM file. */
    public static final class Probe {
        private Probe() {
        }

        /**
         * @param args the upstream's base URI and the trusted CA file
         * @throws Exception if the probe cannot run at all
         */
        public static void main(String[] args) throws Exception {
            URI uri = URI.create(args[0] + "/probe");
            UpstreamTls tls = UpstreamTls.builder().trustStore(Path.of(args[1]), null).build();
            HttpClient plain = HttpClient.newBuilder().sslContext(tls.sslContext()).build();
            System.out.println("plain JDK client: " + plain.send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
            try (JdkUpstreamClient client = JdkUpstreamClient.builder().tls(tls).build()) {
                int status = client.exchange(new UpstreamRequest("GET", uri, HttpHeaders.builder().build(),
                        Body.empty(), Duration.ofSeconds(10), Duration.ofSeconds(10))).get(30, TimeUnit.SECONDS).status();
                System.out.println("JdkUpstreamClient: answered " + status);
            } catch (java.util.concurrent.ExecutionException e) {
                System.out.println("JdkUpstreamClient: refused, " + e.getCause());
            }
        }
    }
}
