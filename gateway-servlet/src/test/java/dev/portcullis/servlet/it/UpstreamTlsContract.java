package dev.portcullis.servlet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.routing.Route;
import dev.portcullis.core.client.UpstreamClient;
import dev.portcullis.core.client.UpstreamTls;
import dev.portcullis.servlet.it.TestCertificates.ServerCertificate;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * TLS to {@code https} upstreams through the real {@code GatewayFilter}, whichever {@link UpstreamClient} speaks it:
 * real TLS servers ({@link TlsUpstream}) with certificates generated for the run ({@link TestCertificates}). A module
 * with another client extends this class and supplies it.
 */
public abstract class UpstreamTlsContract {
    private static final String CONTAINERS = "dev.portcullis.servlet.it.ServletContainer#all";
    private static TestCertificates certificates;

    /**
     * @param tls the TLS settings
     * @return a fresh client with them; the test closes it
     */
    protected abstract UpstreamClient client(UpstreamTls tls);

    /** @return a fresh client built without any TLS setting; the test closes it */
    protected abstract UpstreamClient defaultClient();

    @BeforeAll
    static void generateCertificates() throws IOException {
        certificates = TestCertificates.get();
    }

    private static UpstreamTls.Builder trustingTheTestCa() {
        return UpstreamTls.builder().trustStore(certificates.caPkcs12(), TestCertificates.PASSWORD);
    }

    private static HttpResponse<String> get(ServletContainer container, TlsUpstream upstream, UpstreamClient client)
            throws Exception {
        return get(container, upstream.baseUri(), client);
    }

    private static HttpResponse<String> get(ServletContainer container, String upstreamUri, UpstreamClient client)
            throws Exception {
        try (client;
             RunningServer server = container.start(Gateways.builder(
                     Route.builder("tls").path("/api/**").upstream(upstreamUri).build())
                     .upstreamClient(client).build(), new AppServlet())) {
            return Http.get(server.uri("/api/x"));
        }
    }

    private static void assertAnswered(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(TlsUpstream.BODY, response.body());
    }

    private static void assertRefused(HttpResponse<String> response, TlsUpstream upstream) {
        assertEquals(502, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertTrue(response.body().contains("\"type\":\"https://portcullis.dev/problems/upstream-unavailable\""),
                response.body());
        assertFalse(response.body().contains("localhost") || response.body().contains("127.0.0.1"),
                "upstream host leaked: " + response.body());
        assertFalse(response.body().contains(String.valueOf(upstream.port())), "port leaked: " + response.body());
        assertEquals(List.of(), upstream.serverNames(), "a request reached the refused upstream");
    }

    private static TlsUpstream server(ServerCertificate certificate) throws IOException {
        return TlsUpstream.start(certificates.server(certificate), false);
    }

    private static TlsUpstream serverRequiringAClientCertificate() throws IOException {
        return TlsUpstream.start(certificates.server(ServerCertificate.TRUSTED), true);
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    public void anUpstreamWithACertificateFromTheTrustedCaAnswersThroughTheGateway(ServletContainer container)
            throws Exception {
        try (TlsUpstream upstream = server(ServerCertificate.TRUSTED)) {
            assertAnswered(get(container, upstream, client(trustingTheTestCa().build())));
        }
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    public void theUpstreamHostNameReachesTheUpstreamAsSni(ServletContainer container) throws Exception {
        try (TlsUpstream upstream = server(ServerCertificate.TRUSTED)) {
            assertAnswered(get(container, upstream, client(trustingTheTestCa().build())));
            assertEquals(List.of("localhost"), upstream.serverNames());
        }
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    public void anUpstreamAddressedByIpIsSentNoSniAndItsCertificateMustNameTheIp(ServletContainer container)
            throws Exception {
        try (TlsUpstream upstream = server(ServerCertificate.TRUSTED)) {
            assertAnswered(get(container, upstream.ipBaseUri(), client(trustingTheTestCa().build())));
            assertEquals(List.of("-"), upstream.serverNames());
        }
        try (TlsUpstream upstream = server(ServerCertificate.WRONG_HOST)) {
            assertRefused(get(container, upstream.ipBaseUri(), client(trustingTheTestCa().build())), upstream);
        }
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    public void aPemFileOfTheCaIsATrustStoreToo(ServletContainer container) throws Exception {
        try (TlsUpstream upstream = server(ServerCertificate.TRUSTED)) {
            assertAnswered(get(container, upstream,
                    client(UpstreamTls.builder().trustStore(certificates.caPem(), null).build())));
        }
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    public void aSelfSignedUpstreamIsRefusedByTheDefaultClientWith502AndNoHostName(ServletContainer container)
            throws Exception {
        try (TlsUpstream upstream = server(ServerCertificate.SELF_SIGNED)) {
            assertRefused(get(container, upstream, defaultClient()), upstream);
        }
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    public void anUpstreamOutsideTheConfiguredTrustStoreIsRefusedWith502(ServletContainer container) throws Exception {
        try (TlsUpstream upstream = server(ServerCertificate.SELF_SIGNED)) {
            assertRefused(get(container, upstream, client(trustingTheTestCa().build())), upstream);
        }
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    public void aTrustedCertificateForAnotherHostNameIsRefusedWith502(ServletContainer container) throws Exception {
        try (TlsUpstream upstream = server(ServerCertificate.WRONG_HOST)) {
            assertRefused(get(container, upstream, client(trustingTheTestCa().build())), upstream);
        }
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    public void aTrustedCertificateForAnotherHostNameIsAcceptedWhenHostnameVerificationIsOff(
            ServletContainer container) throws Exception {
        try (TlsUpstream upstream = server(ServerCertificate.WRONG_HOST)) {
            assertAnswered(get(container, upstream, client(trustingTheTestCa().hostnameVerification(false).build())));
        }
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    public void withHostnameVerificationOffAnUntrustedCertificateIsStillRefused(ServletContainer container)
            throws Exception {
        try (TlsUpstream upstream = server(ServerCertificate.SELF_SIGNED)) {
            assertRefused(get(container, upstream, client(trustingTheTestCa().hostnameVerification(false).build())),
                    upstream);
        }
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    public void anUpstreamRequiringAClientCertificateAcceptsTheConfiguredPkcs12One(ServletContainer container)
            throws Exception {
        assertTheClientCertificateIsAccepted(container, trustingTheTestCa()
                .clientCertificate(certificates.clientPkcs12(), TestCertificates.PASSWORD).build());
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    public void anUpstreamRequiringAClientCertificateAcceptsAPemKeyAndChain(ServletContainer container)
            throws Exception {
        assertTheClientCertificateIsAccepted(container, trustingTheTestCa()
                .clientCertificatePem(certificates.clientKeyPem(), certificates.clientChainPem()).build());
    }

    private void assertTheClientCertificateIsAccepted(ServletContainer container, UpstreamTls tls) throws Exception {
        try (TlsUpstream upstream = serverRequiringAClientCertificate()) {
            assertAnswered(get(container, upstream, client(tls)));
            assertEquals(List.of(TestCertificates.clientSubject()), upstream.clientSubjects());
        }
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    public void anUpstreamRequiringAClientCertificateRefusesAGatewayWithoutOneWith502(ServletContainer container)
            throws Exception {
        try (TlsUpstream upstream = serverRequiringAClientCertificate()) {
            assertRefused(get(container, upstream, client(trustingTheTestCa().build())), upstream);
        }
    }
}
