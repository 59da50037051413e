package dev.portcullis.micrometer;

import io.micrometer.core.instrument.Meter;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;

/**
 * A fixed grid of meters for every combination of a few closed tag sets, each registered on first use. Finding a
 * registered meter is an array read: nothing allocated, no lock. Two threads may register the same meter at once;
 * the registry returns the same meter to both. Thread-safe.
 *
 * @param <M> the kind of meter
 */
final class LazyMeters<M extends Meter> {
    private final AtomicReferenceArray<M> meters;
    private final IntFunction<M> register;

    /**
     * @param size the number of combinations
     * @param register registers the meter of one combination, by its index
     */
    LazyMeters(int size, IntFunction<M> register) {
        this.meters = new AtomicReferenceArray<>(size);
        this.register = register;
    }

    /** @return the meter at {@code index}, registered now if it is the first use */
    M get(int index) {
        M meter = meters.get(index);
        if (meter == null) {
            meter = register.apply(index);
            meters.set(index, meter);
        }
        return meter;
    }
}
