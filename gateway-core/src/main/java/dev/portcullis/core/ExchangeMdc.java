package dev.portcullis.core;

import dev.portcullis.core.logging.RequestMdc;
import org.slf4j.MDC;

/**
 * Puts an exchange's MDC entries in place on a thread. Opening a scope on a thread that already holds this exchange's
 * entries (a nested call) only refreshes the route id and leaves the cleaning to the outer scope; opening it on a
 * thread that holds another request's entries (that request's callback completed this exchange's future) puts them
 * back on close. The common case, a thread that holds none, allocates nothing. Stateless.
 */
final class ExchangeMdc {
    /** The scope of a nested opening: the outer one cleans up. */
    private static final RequestMdc.Scope NESTED = () -> { };
    /** The scope of an opening on a thread that held no request's entries: removes them. */
    private static final RequestMdc.Scope CLEAR = () -> {
        MDC.remove(RequestMdc.REQUEST_ID);
        MDC.remove(RequestMdc.TRACE_ID);
        MDC.remove(RequestMdc.ROUTE_ID);
    };

    private ExchangeMdc() {
    }

    /**
     * @param requestId the request id
     * @param traceId the trace id, or null when trace context is off
     * @param routeId the matched route, or null before routing or when none matched
     * @return a scope with these entries in place on the calling thread
     */
    static RequestMdc.Scope open(String requestId, String traceId, String routeId) {
        String previous = MDC.get(RequestMdc.REQUEST_ID);
        if (requestId.equals(previous)) {
            put(RequestMdc.ROUTE_ID, routeId);
            return NESTED;
        }
        RequestMdc.Scope scope = previous == null ? CLEAR
                : new Restore(previous, MDC.get(RequestMdc.TRACE_ID), MDC.get(RequestMdc.ROUTE_ID));
        MDC.put(RequestMdc.REQUEST_ID, requestId);
        put(RequestMdc.TRACE_ID, traceId);
        put(RequestMdc.ROUTE_ID, routeId);
        return scope;
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
