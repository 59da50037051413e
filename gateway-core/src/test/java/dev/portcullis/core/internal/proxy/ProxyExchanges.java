package dev.portcullis.core.internal.proxy;

import dev.portcullis.api.ExchangeListener;
import dev.portcullis.core.logging.RequestMdc;
import java.util.function.Consumer;

/** {@link ProxyExchange}s for tests of the proxy alone: no MDC, abort actions and events handed to the test. */
final class ProxyExchanges {
    private ProxyExchanges() {
    }

    /**
     * @param onAbort receives the abort action the proxy registers
     * @return an exchange that hands the abort action over and does nothing else
     */
    static ProxyExchange aborting(Consumer<Runnable> onAbort) {
        return heard(onAbort, ExchangeListener.NONE);
    }

    /**
     * @param onAbort receives the abort actions the proxy registers
     * @param listener hears the exchange's upstream events
     * @return an exchange that hands both over and does nothing else
     */
    static ProxyExchange heard(Consumer<Runnable> onAbort, ExchangeListener listener) {
        return new ProxyExchange() {
            @Override
            public ExchangeListener listener() {
                return listener;
            }

            @Override
            public void onAbort(Runnable action) {
                onAbort.accept(action);
            }

            @Override
            public RequestMdc.Scope mdc() {
                return () -> { };
            }
        };
    }
}
