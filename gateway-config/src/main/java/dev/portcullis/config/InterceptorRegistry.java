package dev.portcullis.config;

import dev.portcullis.api.Interceptor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The custom stages a configuration file may name in its pipeline, filled by the embedding code (and, for the
 * standalone launcher, by {@link ServiceLoader}). Immutable.
 *
 * <pre>{@code
 * InterceptorRegistry registry = InterceptorRegistry.builder()
 *     .add("timing", timingInterceptor)                          // takes no settings
 *     .addFactory("tenant", settings -> TenantInterceptor.builder().build())
 *     .build();
 * }</pre>
 */
public final class InterceptorRegistry {
    private static final InterceptorRegistry EMPTY = builder().build();

    private final Map<String, InterceptorFactory> factories;

    private InterceptorRegistry(Map<String, InterceptorFactory> factories) {
        this.factories = Collections.unmodifiableMap(new LinkedHashMap<>(factories));
    }

    /** @return a registry without custom stages */
    public static InterceptorRegistry empty() {
        return EMPTY;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the registered names */
    public Set<String> names() {
        return factories.keySet();
    }

    /** @param name a stage name @return its factory, if registered */
    public Optional<InterceptorFactory> factory(String name) {
        return Optional.ofNullable(factories.get(name));
    }

    /** Collects custom stages; {@link #build()} refuses a name given twice. Not thread-safe. */
    public static final class Builder {
        private final Map<String, InterceptorFactory> factories = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * @param name the stage's name in the file
         * @param interceptor the stage; the file may give it no settings
         * @return this builder
         */
        public Builder add(String name, Interceptor interceptor) {
            Objects.requireNonNull(interceptor, "interceptor");
            return addFactory(name, settings -> {
                if (!settings.isEmpty()) {
                    throw new IllegalArgumentException("the stage '" + name + "' takes no settings");
                }
                return interceptor;
            });
        }

        /**
         * @param name the stage's name in the file
         * @param factory makes the stage from its settings at every load
         * @return this builder
         * @throws IllegalArgumentException when the name is blank or already registered
         */
        public Builder addFactory(String name, InterceptorFactory factory) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(factory, "factory");
            if (name.isBlank()) {
                throw new IllegalArgumentException("a custom stage's name must not be blank");
            }
            if (factories.putIfAbsent(name, factory) != null) {
                throw new IllegalArgumentException("the custom stage '" + name + "' is registered twice");
            }
            return this;
        }

        /**
         * @param loader where to look for {@link InterceptorProvider}s
         * @return this builder, with every provider found
         * @throws IllegalArgumentException when a provider's name is already registered
         */
        public Builder discover(ClassLoader loader) {
            for (InterceptorProvider provider : ServiceLoader.load(InterceptorProvider.class, loader)) {
                addFactory(provider.name(), provider);
            }
            return this;
        }

        /** @return the registry */
        public InterceptorRegistry build() {
            return new InterceptorRegistry(factories);
        }
    }
}
