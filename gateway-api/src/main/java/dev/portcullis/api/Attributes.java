package dev.portcullis.api;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable set of typed values keyed by {@link AttributeKey}.
 *
 * <p>Every change returns a new instance; the original is never modified, so an interceptor can hand a request with
 * extra attributes down the chain without affecting anyone else's view. Lookups are by key identity.
 *
 * <pre>{@code
 * Attributes a = Attributes.empty().with(TENANT, tenant);
 * Tenant t = a.get(TENANT).orElseThrow();
 * }</pre>
 */
public final class Attributes {
    private static final Attributes EMPTY = new Attributes(new IdentityHashMap<>());

    private final Map<AttributeKey<?>, Object> values;

    private Attributes(Map<AttributeKey<?>, Object> values) {
        this.values = values;
    }

    /** @return the empty attribute set */
    public static Attributes empty() {
        return EMPTY;
    }

    /**
     * Looks up a value.
     *
     * @param key the key
     * @param <T> the value type
     * @return the value stored under {@code key}, or empty
     */
    public <T> Optional<T> get(AttributeKey<T> key) {
        Objects.requireNonNull(key, "key");
        return Optional.ofNullable(key.type().cast(values.get(key)));
    }

    /**
     * Returns a copy with {@code value} stored under {@code key}, replacing any earlier value.
     *
     * @param key the key
     * @param value the value, an instance of {@link AttributeKey#type()}
     * @param <T> the value type
     * @return a new attribute set
     * @throws ClassCastException if {@code value} is not of the key's type
     */
    public <T> Attributes with(AttributeKey<T> key, T value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Map<AttributeKey<?>, Object> copy = new IdentityHashMap<>(values);
        copy.put(key, key.type().cast(value));
        return new Attributes(copy);
    }

    /**
     * Returns a copy without the value under {@code key}.
     *
     * @param key the key
     * @return a new attribute set, or this one if the key was absent
     */
    public Attributes without(AttributeKey<?> key) {
        Objects.requireNonNull(key, "key");
        if (!values.containsKey(key)) {
            return this;
        }
        Map<AttributeKey<?>, Object> copy = new IdentityHashMap<>(values);
        copy.remove(key);
        return new Attributes(copy);
    }

    /** @return the number of values held */
    public int size() {
        return values.size();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Attributes{");
        values.keySet().forEach(key -> text.append(key.name()).append(' '));
        return text.append('}').toString();
    }
}
