package dev.portcullis.core;

import dev.portcullis.core.logging.RequestMdc;
import org.slf4j.MDC;

/**
 * The MDC entries of one exchange, and the scopes that put them in place on a thread. Opening a scope on a thread
 * that already holds this exchange's entries (a nested call) only refreshes the route id; opening it on a thread
 * that holds another request's entries (its callback completed this exchange's future) puts them back on close.
 * The common case, a thread that holds none, allocates nothing: this object is its own scope. Thread-safe.
 */
final class ExchangeMdc implements RequestMdc.Scope {
    /** The scope of a nested opening: the outer one cleans up. */
    private static final RequestMdc.Scope NESTED = () -> { };

    private final String requestId;
    private final String traceId;
    private volatile String routeId;

    /**
     * @param requestId the request id
     * @param traceId the trace id, or null when trace context is off
     */
    ExchangeMdc(String requestId, String traceId) {
        this.requestId = requestId;
        this.traceId = traceId;
    }

    /** @param routeId the matched route, in the entries of every scope opened from now on */
    void route(String routeId) {
        this.routeId = routeId;
    }

    /** @return a scope with this exchange's entries in place on the calling thread */
    RequestMdc.Scope open() {
        String previous = MDC.get(RequestMdc.REQUEST_ID);
        if (requestId.equals(previous)) {
            put(RequestMdc.ROUTE_ID, routeId);
            return NESTED;
        }
        RequestMdc.Scope scope = previous == null ? this
                : new Restore(previous, MDC.get(RequestMdc.TRACE_ID), MDC.get(RequestMdc.ROUTE_ID));
        MDC.put(RequestMdc.REQUEST_ID, requestId);
        put(RequestMdc.TRACE_ID, traceId);
        put(RequestMdc.ROUTE_ID, routeId);
        return scope;
    }

    /** Closes a scope opened on a thread that held no request's entries: removes them. */
    @Override
    public void close() {
        MDC.remove(RequestMdc.REQUEST_ID);
        MDC.remove(RequestMdc.TRACE_ID);
        MDC.remove(RequestMdc.ROUTE_ID);
    }

    private static void put(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }

    /** Puts back the entries of the request the thread was working on before. */
    private record Restore(String requestId, String traceId, String routeId) implements RequestMdc.Scope {
        @Override
        public void close() {
            MDC.put(RequestMdc.REQUEST_ID, requestId);
            put(RequestMdc.TRACE_ID, traceId);
            put(RequestMdc.ROUTE_ID, routeId);
        }
    }
}
