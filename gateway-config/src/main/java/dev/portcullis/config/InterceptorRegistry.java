package dev.portcullis.config;

import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.Interceptor;
import dev.portcullis.api.routing.LoadBalancer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The custom parts a configuration file may name: stages in its pipeline, load-balancing strategies in a route's
 * {@code customLoadBalancer}, predicates in a route's {@code predicates}, and objects the embedding code built
 * ({@link Builder#addPart parts}): authenticators ({@code authenticators.<name>.custom}), API-key stores
 * ({@code apiKeys.customStore}) and bucket stores ({@code rateLimiting.stores.<name>.custom}). Filled by the embedding
 * code (and, for the standalone launcher, by {@link ServiceLoader}). Each kind has names of its own. Immutable.
 *
 * <pre>{@code
 * InterceptorRegistry registry = InterceptorRegistry.builder()
 *     .add("timing", timingInterceptor)                          // takes no settings
 *     .addFactory("tenant", settings -> TenantInterceptor.builder().build())
 *     .addLoadBalancer("primary-first", instances -> request -> instances.get(0))
 *     .addPredicate("internal-caller", request -> request.clientAddress().isSiteLocalAddress())
 *     .addPart(Authenticator.class, "partners", partnerAuthenticator)
 *     .addPart(ApiKeyStore.class, "db-keys", sha256 -> keyDao.findPrincipal(sha256))
 *     .build();
 * }</pre>
 */
public final class InterceptorRegistry {
    private static final InterceptorRegistry EMPTY = builder().build();

    private final Map<String, InterceptorFactory> factories;
    private final Map<String, LoadBalancer.Factory> balancers;
    private final Map<String, Predicate<GatewayRequest>> predicates;
    private final Map<String, Map<String, Object>> parts = new LinkedHashMap<>();

    private InterceptorRegistry(Builder b) {
        this.factories = Collections.unmodifiableMap(new LinkedHashMap<>(b.factories));
        this.balancers = Collections.unmodifiableMap(new LinkedHashMap<>(b.balancers));
        this.predicates = Collections.unmodifiableMap(new LinkedHashMap<>(b.predicates));
        b.parts.forEach((kind, byName) -> parts.put(kind, Collections.unmodifiableMap(new LinkedHashMap<>(byName))));
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

    /** @return the custom load-balancing strategies by name */
    public Map<String, LoadBalancer.Factory> loadBalancers() {
        return balancers;
    }

    /** @return the custom route predicates by name */
    public Map<String, Predicate<GatewayRequest>> predicates() {
        return predicates;
    }

    /**
     * The kinds of {@link Builder#addPart parts}, by class name: the feature modules that define two of them are
     * optional, so code that collects parts (the Spring Boot starter) looks each up by name.
     *
     * @return the class names of the part kinds the file can name
     */
    public static Set<String> partKinds() {
        return Builder.PART_KINDS.keySet();
    }

    /**
     * @param kind one of the {@link Builder#addPart kinds the file names}
     * @param <T> the kind
     * @return the parts of this kind by name; empty when none is registered
     */
    @SuppressWarnings("unchecked")
    public <T> Map<String, T> parts(Class<T> kind) {
        return (Map<String, T>) parts.getOrDefault(kind.getName(), Map.of());
    }

    /** Collects custom parts; a name given twice for one kind is refused. Not thread-safe. */
    public static final class Builder {
        /** The kinds of {@link #addPart} by class name: the feature modules are optional, so not by class. */
        private static final Map<String, String> PART_KINDS = Collections.unmodifiableMap(new LinkedHashMap<>(Map.of(
                "dev.portcullis.api.auth.Authenticator", "custom authenticator",
                "dev.portcullis.auth.apikey.ApiKeyStore", "custom API-key store",
                "dev.portcullis.ratelimit.BucketStore", "custom bucket store")));

        private final Map<String, InterceptorFactory> factories = new LinkedHashMap<>();
        private final Map<String, LoadBalancer.Factory> balancers = new LinkedHashMap<>();
        private final Map<String, Predicate<GatewayRequest>> predicates = new LinkedHashMap<>();
        private final Map<String, Map<String, Object>> parts = new LinkedHashMap<>();

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
            return register(factories, "custom stage", name, Objects.requireNonNull(factory, "factory"));
        }

        /**
         * @param name the strategy's name in a route's {@code customLoadBalancer}
         * @param factory builds each naming route's balancer
         * @return this builder
         * @throws IllegalArgumentException when the name is blank or already registered as a load balancer
         */
        public Builder addLoadBalancer(String name, LoadBalancer.Factory factory) {
            return register(balancers, "custom load balancer", name, Objects.requireNonNull(factory, "factory"));
        }

        /**
         * @param name the predicate's name in a route's {@code predicates}
         * @param predicate a request must satisfy it for the naming routes; quick, thread-safe, no I/O
         * @return this builder
         * @throws IllegalArgumentException when the name is blank or already registered as a predicate
         */
        public Builder addPredicate(String name, Predicate<GatewayRequest> predicate) {
            return register(predicates, "custom predicate", name, Objects.requireNonNull(predicate, "predicate"));
        }

        /**
         * Registers an object the file names instead of configuring one of its own. The kinds, and where the file
         * names them:
         * <ul>
         *   <li>{@code dev.portcullis.api.auth.Authenticator}: {@code authenticators: {partners: {custom: NAME}}}
         *   <li>{@code dev.portcullis.auth.apikey.ApiKeyStore} (gateway-auth):
         *       {@code authenticators: {keys: {apiKeys: {customStore: NAME}}}}
         *   <li>{@code dev.portcullis.ratelimit.BucketStore} (gateway-ratelimit):
         *       {@code rateLimiting: {stores: {shared: {custom: NAME}}}}
         * </ul>
         * The part is used as it is by every load that names it (a reload does not rebuild it); it stays the
         * caller's to close.
         *
         * @param kind the part's type, one of the above
         * @param name its name in the file
         * @param part the part
         * @param <T> the kind
         * @return this builder
         * @throws IllegalArgumentException when the file has no place for this kind, or the name is blank or already
         *     registered for the kind
         */
        public <T> Builder addPart(Class<T> kind, String name, T part) {
            String what = PART_KINDS.get(kind.getName());
            if (what == null) {
                throw new IllegalArgumentException("the configuration file names no " + kind.getName()
                        + "; custom parts are Authenticator, ApiKeyStore and BucketStore");
            }
            return register(parts.computeIfAbsent(kind.getName(), k -> new LinkedHashMap<>()), what, name,
                    kind.cast(Objects.requireNonNull(part, "part")));
        }

        private <T> Builder register(Map<String, T> registered, String kind, String name, T value) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("a " + kind + "'s name must not be blank");
            }
            if (registered.putIfAbsent(name, value) != null) {
                throw new IllegalArgumentException("the " + kind + " '" + name + "' is registered twice");
            }
            return this;
        }

        /**
         * @param loader where to look for {@link InterceptorProvider}s, {@link LoadBalancerProvider}s and
         *     {@link RoutePredicateProvider}s
         * @return this builder, with every provider found
         * @throws IllegalArgumentException when a provider's name is already registered for its kind
         */
        public Builder discover(ClassLoader loader) {
            for (InterceptorProvider provider : ServiceLoader.load(InterceptorProvider.class, loader)) {
                addFactory(provider.name(), provider);
            }
            for (LoadBalancerProvider provider : ServiceLoader.load(LoadBalancerProvider.class, loader)) {
                addLoadBalancer(provider.name(), provider.factory());
            }
            for (RoutePredicateProvider provider : ServiceLoader.load(RoutePredicateProvider.class, loader)) {
                addPredicate(provider.name(), provider.predicate());
            }
            return this;
        }

        /** @return the registry */
        public InterceptorRegistry build() {
            return new InterceptorRegistry(this);
        }
    }
}
