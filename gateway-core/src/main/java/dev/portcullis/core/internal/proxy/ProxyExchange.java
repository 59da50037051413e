package dev.portcullis.core.internal.proxy;

import dev.portcullis.api.ExchangeEvent;
import dev.portcullis.api.ExchangeListener;
import dev.portcullis.api.TraceContext;
import dev.portcullis.core.logging.RequestMdc;

/** What the {@link ReverseProxy} needs of the exchange it forwards. Implementations are thread-safe. */
public interface ProxyExchange {
    /** @return hears this exchange's upstream events; {@link ExchangeListener#NONE} when no one listens */
    ExchangeListener listener();

    /** @param action cancels the upstream work if the client goes away; runs at once if it already has */
    void onAbort(Runnable action);

    /** @return the exchange's MDC entries, put in place on the calling thread until the scope closes */
    RequestMdc.Scope mdc();

    /**
     * Called once per upstream try, before {@code called} reaches the {@link #listener()}, only while someone
     * listens.
     *
     * @param called the try about to be sent
     * @return the trace context this try sends upstream (its own span, when the exchange is traced), or null to send
     *     the request's
     */
    default TraceContext tryContext(ExchangeEvent.UpstreamCalled called) {
        return null;
    }
}
