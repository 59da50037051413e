package dev.portcullis.api;

/**
 * Hears what happens to every exchange: it starts, a stage answers it, it calls an upstream, it ends. This is the
 * one seam through which access logs, metrics and traces observe the gateway; the engine does not know which
 * signals exist.
 *
 * <p>Contract: {@link #onEvent} is called on whatever thread the event happens on (a container thread, an upstream
 * client thread), possibly for many exchanges at once, so an implementation is thread-safe and quick: it never
 * blocks and never does I/O on the caller's thread (hand work to a queue instead). Per exchange, events arrive in
 * order, {@link ExchangeEvent.Started} first and {@link ExchangeEvent.Ended} last and exactly once. An exception
 * thrown by a listener is logged and otherwise ignored: a listener can never fail a request.
 *
 * <p>What happens to upstream instances rather than to one exchange (an instance ejected, restored, found unhealthy)
 * arrives through {@link #onUpstreamEvent(UpstreamEvent)}, which a listener overrides when it cares; the same rules
 * apply.
 *
 * <pre>{@code
 * ExchangeListener slowRequests = event -> {
 *     if (event instanceof ExchangeEvent.Ended ended && ended.duration().toMillis() > 500) {
 *         log.info("slow: {} {} took {}", ended.requestId(), ended.status(), ended.duration());
 *     }
 * };
 * }</pre>
 */
@FunctionalInterface
public interface ExchangeListener {
    /** A listener that ignores every event. */
    ExchangeListener NONE = event -> { };

    /** @param event what happened; see {@link ExchangeEvent} for the kinds */
    void onEvent(ExchangeEvent event);

    /**
     * Hears what happens to an upstream instance: on a request thread, an upstream client thread or the gateway's
     * resilience scheduler thread. Default: nothing.
     *
     * @param event what happened; see {@link UpstreamEvent} for the kinds
     */
    default void onUpstreamEvent(UpstreamEvent event) {
    }

    /**
     * @param listeners listeners to call in order
     * @return one listener calling each of them with both kinds of event; a listener that throws does not keep the
     *     others from hearing
     */
    static ExchangeListener all(ExchangeListener... listeners) {
        ExchangeListener[] copy = listeners.clone();
        return new ExchangeListener() {
            @Override
            public void onEvent(ExchangeEvent event) {
                for (ExchangeListener listener : copy) {
                    Listeners.notify(listener, event, listener::onEvent);
                }
            }

            @Override
            public void onUpstreamEvent(UpstreamEvent event) {
                for (ExchangeListener listener : copy) {
                    Listeners.notify(listener, event, listener::onUpstreamEvent);
                }
            }
        };
    }
}
