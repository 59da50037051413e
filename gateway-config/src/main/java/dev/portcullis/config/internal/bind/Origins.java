package dev.portcullis.config.internal.bind;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Remembers where each bound section, list and map came from, and where each of its members did, so a check that
 * runs after binding (a dangling reference, a builder of the DSL that refuses a value) can still point at the line.
 * Keys are object identities: the binder makes every list and map a fresh instance. Not thread-safe; one per load.
 *
 * <pre>{@code
 * Origin connect = origins.member(timeoutsModel, "connect");   // gateway.yaml:14:16, routes[1].timeouts.connect
 * }</pre>
 */
public final class Origins {
    private final Map<Object, Origin> selves = new IdentityHashMap<>();
    private final Map<Object, Map<Object, Origin>> members = new IdentityHashMap<>();

    /**
     * @param value a bound record, list or map
     * @param origin where it starts
     */
    public void self(Object value, Origin origin) {
        selves.put(value, origin);
    }

    /**
     * @param container a bound record, list or map
     * @param key a component name, list index or map key
     * @param origin where that member's value starts
     */
    public void member(Object container, Object key, Origin origin) {
        members.computeIfAbsent(container, c -> new HashMap<>()).put(key, origin);
    }

    /**
     * @param value a bound record, list or map
     * @return where it starts
     * @throws IllegalStateException if the value was not bound from a file (a bug)
     */
    public Origin of(Object value) {
        Origin origin = selves.get(value);
        if (origin == null) {
            throw new IllegalStateException("no origin recorded for " + value.getClass().getSimpleName());
        }
        return origin;
    }

    /**
     * @param container a bound record, list or map
     * @param key a component name, list index or map key
     * @return where that member's value starts, or, when it was not written, where the container starts with the
     *     member's path
     */
    public Origin member(Object container, Object key) {
        Origin origin = members.getOrDefault(container, Map.of()).get(key);
        return origin != null ? origin : of(container).child(String.valueOf(key));
    }
}
