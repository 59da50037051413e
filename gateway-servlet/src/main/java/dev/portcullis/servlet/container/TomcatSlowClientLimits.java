package dev.portcullis.servlet.container;

import org.apache.catalina.connector.Connector;

/**
 * Applies {@link SlowClientLimits} to a Tomcat 11 HTTP/1.1 {@link Connector}; call it before {@code tomcat.start()}.
 * It sets the connector properties
 * <ul>
 *   <li>{@code connectionTimeout} to the request head timeout: the longest Tomcat waits for the request line after
 *       accepting a connection and for each further read of the head;</li>
 *   <li>{@code keepAliveTimeout} to the idle timeout: the longest a kept-alive connection waits for its next
 *       request;</li>
 *   <li>{@code disableUploadTimeout=false} and {@code connectionUploadTimeout} to the idle timeout: the longest a
 *       request-body read may stay silent.</li>
 * </ul>
 * Tomcat has no deadline for a whole head and no minimum data rate: a client that keeps sending at least one byte
 * per {@code connectionTimeout} keeps its head open until it reaches {@code maxHttpRequestHeaderSize} (8 KiB by
 * default), and a body that sends one byte per {@code connectionUploadTimeout} is not cut. The minimum body rate of
 * the limits is therefore not applied on Tomcat. Stateless and thread-safe.
 */
public final class TomcatSlowClientLimits {
    private TomcatSlowClientLimits() {
    }

    /**
     * @param connector the connector, not yet started
     * @param limits the limits
     */
    public static void applyTo(Connector connector, SlowClientLimits limits) {
        String head = Long.toString(limits.requestHeadTimeout().toMillis());
        String idle = Long.toString(limits.idleTimeout().toMillis());
        connector.setProperty("connectionTimeout", head);
        connector.setProperty("keepAliveTimeout", idle);
        connector.setProperty("disableUploadTimeout", "false");
        connector.setProperty("connectionUploadTimeout", idle);
    }
}
