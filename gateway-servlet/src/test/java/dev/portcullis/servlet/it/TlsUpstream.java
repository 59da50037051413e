package dev.portcullis.servlet.it;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManagerFactory;

/**
 * An {@code https} upstream for tests: the JDK's {@link HttpsServer} on {@code 127.0.0.1} (reached as {@code localhost}
 * or by IP) and an ephemeral port with
 * a certificate from {@link TestCertificates}, optionally requiring a client certificate issued by the test CA. It
 * answers every request 200 {@code hello over TLS} and records, per request, the SNI host name the client sent and
 * the subject of its client certificate. A refused handshake records nothing.
 *
 * <pre>{@code
 * try (TlsUpstream upstream = TlsUpstream.start(certificates.server(ServerCertificate.TRUSTED), false)) {
 *     Route route = Route.builder("r").path("/api/**").upstream(upstream.baseUri()).build();
 *     ...
 *     assertEquals(List.of("localhost"), upstream.serverNames());
 * }
 * }</pre>
 */
public final class TlsUpstream implements AutoCloseable {
    /** The body of every answer. */
    public static final String BODY = "hello over TLS";
    private final HttpsServer server;
    private final ExecutorService executor;
    private final List<String> serverNames = new CopyOnWriteArrayList<>();
    private final List<String> clientSubjects = new CopyOnWriteArrayList<>();

    private TlsUpstream(KeyStore serverKey, boolean requireClientCertificate) throws IOException {
        SSLContext context = context(serverKey, requireClientCertificate);
        this.server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 50);
        server.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters parameters) {
                SSLParameters ssl = context.getDefaultSSLParameters();
                ssl.setNeedClientAuth(requireClientCertificate);
                parameters.setSSLParameters(ssl);
            }
        });
        this.executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            SSLSession session = ((HttpsExchange) exchange).getSSLSession();
            record(session);
            TestUpstream.reply(exchange, 200, BODY);
        });
        server.start();
    }

    /**
     * @param serverKey the server's key and chain, password {@link TestCertificates#PASSWORD}
     * @param requireClientCertificate whether to refuse a handshake without a client certificate from the test CA
     * @return the started upstream
     * @throws IOException if it cannot bind or the certificates are unusable
     */
    public static TlsUpstream start(KeyStore serverKey, boolean requireClientCertificate) throws IOException {
        return new TlsUpstream(serverKey, requireClientCertificate);
    }

    /** @return {@code https://localhost:port} */
    public String baseUri() {
        return "https://localhost:" + server.getAddress().getPort();
    }

    /** @return {@code https://127.0.0.1:port}, the same server addressed by IP */
    public String ipBaseUri() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    /** @return the port */
    public int port() {
        return server.getAddress().getPort();
    }

    /** @return the SNI host name of each request's connection, {@code -} where none was sent */
    public List<String> serverNames() {
        return List.copyOf(serverNames);
    }

    /** @return the client certificate subject of each request's connection, {@code -} where none was presented */
    public List<String> clientSubjects() {
        return List.copyOf(clientSubjects);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void record(SSLSession session) {
        List<SNIServerName> requested = ((ExtendedSSLSession) session).getRequestedServerNames();
        serverNames.add(requested.stream().filter(SNIHostName.class::isInstance)
                .map(name -> ((SNIHostName) name).getAsciiName()).findFirst().orElse("-"));
        try {
            clientSubjects.add(((X509Certificate) session.getPeerCertificates()[0]).getSubjectX500Principal().getName());
        } catch (SSLPeerUnverifiedException e) {
            clientSubjects.add("-");
        }
    }

    private static SSLContext context(KeyStore serverKey, boolean requireClientCertificate) throws IOException {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(serverKey, TestCertificates.PASSWORD);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(requireClientCertificate ? TestCertificates.get().caTrust() : null);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("unusable test certificates", e);
        }
    }
}
