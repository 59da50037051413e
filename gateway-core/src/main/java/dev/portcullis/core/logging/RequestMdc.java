package dev.portcullis.core.logging;

/**
 * The SLF4J MDC entries the gateway keeps while it works on a request, so every log line about a request carries
 * its ids, whichever thread writes it: a container thread, the upstream client's, the response pump's, the access
 * log's writer. Use the keys in a log pattern ({@code %X{requestId}} with Logback or Log4j 2) or a JSON encoder.
 *
 * <ul>
 *   <li>{@link #REQUEST_ID}: the request id, as in {@code X-Request-Id};</li>
 *   <li>{@link #TRACE_ID}: the W3C trace id, absent when trace context is switched off;</li>
 *   <li>{@link #ROUTE_ID}: the matched route's id, once routing matched one.</li>
 * </ul>
 *
 * <p>The gateway puts the entries when it starts working on a request on a thread and removes them (or puts back
 * what the thread held before) when it stops, so they never leak into lines about other requests or none. Your
 * servlets behind the filter run inside that span on the container thread and see the entries too.
 *
 * <pre>{@code
 * <pattern>%d %-5level [%X{requestId}] [%X{traceId}] %logger - %msg%n</pattern>
 * }</pre>
 */
public final class RequestMdc {
    /** The MDC key of the request id. */
    public static final String REQUEST_ID = "requestId";
    /** The MDC key of the trace id. */
    public static final String TRACE_ID = "traceId";
    /** The MDC key of the matched route's id. */
    public static final String ROUTE_ID = "routeId";

    private RequestMdc() {
    }

    /**
     * The span in which one thread works on one request with the request's MDC entries in place. Close it on the
     * thread that opened it, with try-with-resources.
     *
     * <pre>{@code
     * try (RequestMdc.Scope scope = exchange.mdc()) {
     *     log.warn("the upstream body failed");      // carries requestId, traceId, routeId
     * }
     * }</pre>
     */
    public interface Scope extends AutoCloseable {
        /** Removes the entries, or puts back what the thread held before; never throws. */
        @Override
        void close();
    }
}
