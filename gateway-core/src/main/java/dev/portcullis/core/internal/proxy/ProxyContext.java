package dev.portcullis.core.internal.proxy;

import dev.portcullis.api.ExchangeEvent;
import dev.portcullis.api.ExchangeListener;
import dev.portcullis.core.client.UpstreamClient;
import dev.portcullis.core.internal.resilience.Timer;
import java.util.function.Supplier;

/**
 * What every {@link ProxyCall} of one proxy shares.
 *
 * @param client sends the tries
 * @param listener hears each try
 * @param responseCheck refuses upstream response heads that must not be relayed
 * @param timer schedules retries
 */
record ProxyContext(UpstreamClient client, ExchangeListener listener, UpstreamResponseCheck responseCheck,
                    Timer timer) {

    /** @param event built only when someone listens */
    void emit(Supplier<ExchangeEvent> event) {
        if (listener != ExchangeListener.NONE) {
            listener.onEvent(event.get());
        }
    }
}
