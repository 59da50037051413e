package dev.portcullis.core.internal.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Checks a server's certificate chain against the trust store but not the host name: the engine- and socket-aware
 * checks, where the JDK compares the certificate with the host the connection was opened to, are answered by the
 * plain chain check. Being an {@link X509ExtendedTrustManager}, it is not wrapped by the JDK's TLS provider (which
 * would add the host check back). The JDK HTTP client turns host name checks on for every connection unless a
 * JVM-wide property says otherwise; this trust manager turns them off for one client only. Client certificates
 * (the server side of mTLS) are never checked here: the gateway is the client.
 *
 * <pre>{@code
 * TrustManager lenient = new HostnameIgnoringTrustManager(pkixTrustManager);
 * }</pre>
 */
public final class HostnameIgnoringTrustManager extends X509ExtendedTrustManager {
    private final X509TrustManager delegate;

    /** @param delegate the trust manager that checks the chain */
    public HostnameIgnoringTrustManager(X509TrustManager delegate) {
        this.delegate = delegate;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        delegate.checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        delegate.checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("an upstream client's trust manager checks no client certificates");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }
}
