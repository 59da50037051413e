package dev.portcullis.api;

import java.util.Arrays;
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
 *
 * <p>A request carries a handful of attributes (the route match, the principal, the trace context), so they are kept
 * as one array of keys and values searched in order: a change copies a few references, not a hash table.
 */
public final class Attributes {
    private static final Attributes EMPTY = new Attributes(new Object[0]);

    /** Keys at even indexes, each followed by its value. */
    private final Object[] entries;

    private Attributes(Object[] entries) {
        this.entries = entries;
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
        int at = indexOf(key);
        return at < 0 ? Optional.empty() : Optional.of(key.type().cast(entries[at + 1]));
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
        T checked = key.type().cast(value);
        int at = indexOf(key);
        Object[] copy = Arrays.copyOf(entries, at < 0 ? entries.length + 2 : entries.length);
        if (at < 0) {
            at = entries.length;
            copy[at] = key;
        }
        copy[at + 1] = checked;
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
        int at = indexOf(key);
        if (at < 0) {
            return this;
        }
        Object[] copy = new Object[entries.length - 2];
        System.arraycopy(entries, 0, copy, 0, at);
        System.arraycopy(entries, at + 2, copy, at, entries.length - at - 2);
        return new Attributes(copy);
    }

    /** @return the number of values held */
    public int size() {
        return entries.length / 2;
    }

    private int indexOf(AttributeKey<?> key) {
        for (int i = 0; i < entries.length; i += 2) {
            if (entries[i] == key) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Attributes{");
        for (int i = 0; i < entries.length; i += 2) {
            text.append(((AttributeKey<?>) entries[i]).name()).append(' ');
        }
        return text.append('}').toString();
    }
}
