package dev.portcullis.client.jetty;

import java.util.List;
import java.util.regex.Pattern;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Sends the upstream's host name as SNI whenever it is a name, as the JDK HTTP client does: the JDK's TLS engine
 * itself leaves out single-label names such as {@code localhost} or a Kubernetes service name, and Jetty's default
 * adds nothing. An IP literal never goes out as SNI (RFC 6066, section 3), nor a name SNI cannot carry (one with
 * {@code _}, say).
 *
 * <pre>{@code
 * sslContextFactory.setSNIProvider(new SniHostNames());
 * }</pre>
 */
final class SniHostNames implements SslContextFactory.Client.SniProvider {
    private static final Pattern IPV4 = Pattern.compile("[0-9.]+");

    @Override
    public List<SNIServerName> apply(SSLEngine engine, List<SNIServerName> serverNames) {
        String host = engine.getPeerHost();
        if (!serverNames.isEmpty() || host == null || host.isEmpty() || host.contains(":")
                || IPV4.matcher(host).matches()) {
            return serverNames;
        }
        try {
            return List.of(new SNIHostName(host));
        } catch (IllegalArgumentException notADnsName) {
            return serverNames;
        }
    }
}
