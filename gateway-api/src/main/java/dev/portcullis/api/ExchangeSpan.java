package dev.portcullis.api;

/**
 * One exchange's span in a tracing system, opened by an {@link ExchangeTracer}. It hears the exchange's own events
 * through {@link #onEvent} (from {@link ExchangeEvent.Started} to {@link ExchangeEvent.Ended}, in order, on the
 * threads they happen on; a failure is logged and ignored, as for any listener), and ends itself on
 * {@link ExchangeEvent.Ended}.
 *
 * <pre>{@code
 * TraceContext exchange = span.context();                   // the exchange's ids: access log, problem bodies
 * TraceContext firstTry = span.upstreamTry(called);         // the upstream receives firstTry.traceparent()
 * }</pre>
 */
public interface ExchangeSpan extends ExchangeListener {
    /** @return the span's context: the exchange's trace id, and its own span id as this hop */
    TraceContext context();

    /**
     * Opens the span of one upstream try. Called on the thread that sends the try, once per try (a retry is a new
     * one), just before {@code called} is delivered to {@link #onEvent}; tries of one exchange never overlap.
     *
     * @param called the try about to be sent
     * @return the context the upstream receives as {@code traceparent} and {@code tracestate} for this try: the same
     *     trace, the try's span as parent
     */
    TraceContext upstreamTry(ExchangeEvent.UpstreamCalled called);
}
