package dev.portcullis.api;

import java.util.Objects;

/**
 * A typed key for state that travels with an exchange from one interceptor to the next (the principal, the matched
 * route, the request id).
 *
 * <p>Keys compare by identity: two keys with the same name are different keys. Declare each key once, as a
 * {@code static final} constant next to the code that owns it, so no other code can forge or overwrite it by
 * guessing a string.
 *
 * <pre>{@code
 * public static final AttributeKey<Tenant> TENANT = AttributeKey.of("tenant", Tenant.class);
 * GatewayRequest tagged = request.withAttribute(TENANT, tenant);
 * Optional<Tenant> later = tagged.attribute(TENANT);
 * }</pre>
 *
 * @param <T> the type of the value stored under this key
 */
public final class AttributeKey<T> {
    private final String name;
    private final Class<T> type;

    private AttributeKey(String name, Class<T> type) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
    }

    /**
     * Creates a new key, distinct from every other key.
     *
     * @param name a name for diagnostics; it plays no part in equality
     * @param type the type of values under this key; values are checked against it when stored
     * @param <T> the value type
     * @return a new key
     */
    public static <T> AttributeKey<T> of(String name, Class<T> type) {
        return new AttributeKey<>(name, type);
    }

    /** @return the diagnostic name given at creation */
    public String name() {
        return name;
    }

    /** @return the type of values stored under this key */
    public Class<T> type() {
        return type;
    }

    @Override
    public String toString() {
        return "AttributeKey[" + name + ": " + type.getSimpleName() + "]";
    }
}
