package dev.portcullis.servlet.it.resilience;

import dev.portcullis.api.ExchangeEvent;
import dev.portcullis.api.ExchangeListener;
import dev.portcullis.api.UpstreamEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Records what a gateway's listener hears, with the time each upstream event arrived, and lets a test wait for an
 * event instead of sleeping.
 */
public final class Recorder implements ExchangeListener {
    /**
     * An upstream event and when it arrived.
     *
     * @param event the event
     * @param nanos {@link System#nanoTime()} on arrival
     */
    public record Heard(UpstreamEvent event, long nanos) {
    }

    private final List<ExchangeEvent> exchangeEvents = new CopyOnWriteArrayList<>();
    private final List<Heard> upstreamEvents = new CopyOnWriteArrayList<>();

    @Override
    public synchronized void onEvent(ExchangeEvent event) {
        exchangeEvents.add(event);
        notifyAll();
    }

    @Override
    public synchronized void onUpstreamEvent(UpstreamEvent event) {
        upstreamEvents.add(new Heard(event, System.nanoTime()));
        notifyAll();
    }

    /** @return the exchange events heard so far */
    public List<ExchangeEvent> exchangeEvents() {
        return List.copyOf(exchangeEvents);
    }

    /** @return the upstream events heard so far */
    public List<Heard> upstreamEvents() {
        return List.copyOf(upstreamEvents);
    }

    /**
     * Waits until {@code count} upstream events of a kind were heard.
     *
     * @param kind the event class
     * @param count how many
     * @param timeout how long to wait at most
     * @return the {@code count}-th such event
     * @throws InterruptedException if interrupted
     * @throws AssertionError if it does not come in time
     */
    public Heard await(Class<? extends UpstreamEvent> kind, int count, Duration timeout) throws InterruptedException {
        return awaitNth(upstreamEvents, heard -> kind.isInstance(heard.event()), count, timeout, kind);
    }

    /**
     * Waits until {@code count} exchange events of a kind were heard.
     *
     * @param kind the event class
     * @param count how many
     * @param timeout how long to wait at most
     * @throws InterruptedException if interrupted
     * @throws AssertionError if they do not come in time
     */
    public void awaitExchanges(Class<? extends ExchangeEvent> kind, int count, Duration timeout)
            throws InterruptedException {
        awaitNth(exchangeEvents, kind::isInstance, count, timeout, kind);
    }

    private synchronized <T> T awaitNth(List<T> events, Predicate<T> matches, int count, Duration timeout,
                                        Class<?> kind) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<T> matching = events.stream().filter(matches).toList();
            if (matching.size() >= count) {
                return matching.get(count - 1);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("heard " + matching.size() + " " + kind.getSimpleName() + " of " + count
                        + " within " + timeout + "; all: " + events);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
