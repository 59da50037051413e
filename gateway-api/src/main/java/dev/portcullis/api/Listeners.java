package dev.portcullis.api;

import java.lang.System.Logger.Level;
import java.util.function.Consumer;

/** Delivers an event to a listener so that a listener's failure is logged and never reaches the request. */
final class Listeners {
    private static final System.Logger LOG = System.getLogger(ExchangeListener.class.getName());

    private Listeners() {
    }

    static <E> void notify(ExchangeListener listener, E event, Consumer<E> delivery) {
        try {
            delivery.accept(event);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "exchange listener " + listener.getClass().getName() + " failed on "
                    + event.getClass().getSimpleName() + "; the request is not affected", e);
        }
    }
}
