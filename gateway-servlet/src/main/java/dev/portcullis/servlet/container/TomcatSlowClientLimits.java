package dev.portcullis.servlet.container;

import org.apache.catalina.connector.Connector;
import org.apache.coyote.http11.Http11NioProtocol;

/**
 * Applies {@link SlowClientLimits} to a Tomcat 11 HTTP/1.1 NIO {@link Connector} (what {@code new Connector()} and
 * protocol {@code "HTTP/1.1"} give); call it before {@code tomcat.start()}. It sets the connector properties
 * <ul>
 *   <li>{@code connectionTimeout} to the request head timeout: the longest Tomcat waits for the first byte of a request
 *       after accepting a connection and for each further read of the head. Tomcat uses it as the write timeout too,
 *       so a response write that makes no progress for that long (a client that stops reading) fails;</li>
 *   <li>{@code keepAliveTimeout} to the idle timeout: the longest a kept-alive connection waits for its next
 *       request;</li>
 *   <li>{@code disableUploadTimeout=false} and {@code connectionUploadTimeout} to the idle timeout: the longest a
 *       request-body read may stay silent;</li>
 * </ul>
 * and adds what Tomcat has no setting for: a sampler, a {@link org.apache.catalina.LifecycleListener} on the connector
 * that runs one task on Tomcat's utility executor from the connector's start to its stop, looks at every open
 * connection once per period (half the head deadline, at most 1 s) and cuts
 * <ul>
 *   <li>a connection still waiting for the rest of a request head whose first byte arrived more than the deadline
 *       minus one period ago: a head is cut after at most the deadline and at least half of it, however slowly its
 *       bytes trickle in (request head deadline);</li>
 *   <li>a connection whose application waits for request-body bytes the client has not sent (a blocking read, or a
 *       {@code ReadListener} waiting for data) while the body bytes delivered so far average below the minimum rate,
 *       measured from the first sample that saw any of them (minimum request-body rate). An application that reads
 *       slowly, pauses or does not read is not waiting, so its client is not measured.</li>
 * </ul>
 * A cut shuts the connection's input down, so Tomcat's own thread reads end-of-stream: the pending read fails (the
 * application's with an {@code IOException}) and Tomcat closes the connection without a response; Jetty answers a
 * slow body with 408. A response being written is never measured and never truncated by a cut, and keep-alive waits
 * are left to {@code keepAliveTimeout}. HTTP/2 and WebSocket connections get the timeouts only. The sampler reads
 * private Tomcat fields, so a Tomcat version that renames them fails here rather than going unprotected.
 *
 * <p>Limits: Tomcat skips blank lines before a request line without keeping any state for them, so a client that
 * sends only CR LF, at least one per {@code connectionTimeout}, is not cut by the head deadline. A container thread
 * blocked in a body read is released at a cut only if the poller reports the shut-down input as readable, as Linux
 * does. Stateless and thread-safe.
 */
public final class TomcatSlowClientLimits {
    private TomcatSlowClientLimits() {
    }

    /**
     * @param connector the connector, not yet started, with Tomcat's NIO HTTP/1.1 protocol
     * @param limits the limits
     * @throws IllegalArgumentException if the connector uses another protocol (NIO2, AJP)
     * @throws IllegalStateException if the Tomcat fields the sampler reads are missing or not accessible
     */
    public static void applyTo(Connector connector, SlowClientLimits limits) {
        if (!(connector.getProtocolHandler() instanceof Http11NioProtocol)) {
            throw new IllegalArgumentException("TomcatSlowClientLimits needs the NIO HTTP/1.1 protocol "
                    + "(Http11NioProtocol), got " + connector.getProtocolHandlerClassName());
        }
        String head = Long.toString(limits.requestHeadTimeout().toMillis());
        String idle = Long.toString(limits.idleTimeout().toMillis());
        connector.setProperty("connectionTimeout", head);
        connector.setProperty("keepAliveTimeout", idle);
        connector.setProperty("disableUploadTimeout", "false");
        connector.setProperty("connectionUploadTimeout", idle);
        connector.addLifecycleListener(new TomcatSlowClientSampler(connector, limits, TomcatInternals.resolve()));
    }
}
