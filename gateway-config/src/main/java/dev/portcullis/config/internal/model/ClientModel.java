package dev.portcullis.config.internal.model;

import dev.portcullis.config.internal.bind.Doc;
import dev.portcullis.config.internal.bind.Required;
import java.time.Duration;

/**
 * The {@code client} section: the upstream HTTP client the file's gateway sends proxied requests with. The pool
 * settings are the Jetty client's; the JDK client has none.
 *
 * <pre>{@code
 * client:
 *   type: jetty
 *   maxConnectionsPerDestination: 256
 * }</pre>
 *
 * @param type which client
 * @param maxConnectionsPerDestination pooled connections per upstream instance
 * @param maxRequestsQueuedPerDestination requests waiting per upstream instance
 * @param idleTimeout idle time of a pooled connection
 * @param maxThreads the client's own thread pool size
 * @param tls TLS to https upstreams
 */
@Doc("The upstream HTTP client.")
public record ClientModel(
        @Doc("jetty (needs gateway-jetty-client) or jdk.") @Required Type type,
        @Doc("Jetty: pooled connections per upstream instance, default 256.") Integer maxConnectionsPerDestination,
        @Doc("Jetty: requests that may wait for a connection per upstream instance, default 1024; beyond it 503.")
        Integer maxRequestsQueuedPerDestination,
        @Doc("Jetty: how long a pooled connection may stay idle, default 60s.") Duration idleTimeout,
        @Doc("Jetty: the client's thread pool size, default 200 (ignored when the application shares its own pool).")
        Integer maxThreads,
        @Doc("TLS to https upstreams: trusted certificates, a client certificate, host name verification; both "
                + "clients.") TlsModel tls) {

    /** Which client. */
    public enum Type {
        /** {@code JettyUpstreamClient}. */
        JETTY,
        /** {@code JdkUpstreamClient}. */
        JDK
    }
}
