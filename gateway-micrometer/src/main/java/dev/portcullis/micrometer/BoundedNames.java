package dev.portcullis.micrometer;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Per-name state for at most a fixed number of distinct names (route ids, instances, stages, providers): a name
 * beyond the cap shares the state of {@link TagValues#OTHER}, made when first needed (so it costs no time series
 * until then). Configured names never reach the cap; it guards
 * against a custom router or interceptor that makes names from request data. Lookups of a known name allocate
 * nothing. Thread-safe.
 *
 * @param <T> the state kept per name
 */
final class BoundedNames<T> {
    private final ConcurrentHashMap<String, T> byName = new ConcurrentHashMap<>();
    private final int cap;
    private final Function<String, T> create;

    /**
     * @param cap the most distinct names
     * @param create makes the state of a name (its tag value)
     */
    BoundedNames(int cap, Function<String, T> create) {
        this.cap = cap;
        this.create = create;
    }

    /** @return the state of {@code name}, or of {@value TagValues#OTHER} once the cap is reached */
    T get(String name) {
        T known = byName.get(name);
        if (known != null) {
            return known;
        }
        return byName.computeIfAbsent(byName.size() < cap ? name : TagValues.OTHER, create);
    }
}
