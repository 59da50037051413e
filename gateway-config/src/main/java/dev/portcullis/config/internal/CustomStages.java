package dev.portcullis.config.internal;

import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.Interceptor;
import dev.portcullis.api.routing.LoadBalancer;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The custom stages, load-balancing strategies, route predicates and parts (authenticators, API-key stores, bucket
 * stores) the application registered, as the assembly sees them.
 *
 * <pre>{@code
 * CustomStages custom = new CustomStages() { ... };   // adapted from the public InterceptorRegistry
 * Interceptor tenant = custom.create("tenant", Map.of("tenants", List.of("acme")));
 * }</pre>
 */
public interface CustomStages {
    /** @return the registered names */
    Set<String> names();

    /**
     * @param name a registered name
     * @param settings the file's {@code interceptors.<name>} settings, empty when none
     * @return the interceptor
     * @throws IllegalArgumentException when the settings are wrong, naming the setting
     */
    Interceptor create(String name, Map<String, Object> settings);

    /** @return the registered load-balancing strategies by name */
    Map<String, LoadBalancer.Factory> loadBalancers();

    /** @return the registered route predicates by name */
    Map<String, Predicate<GatewayRequest>> predicates();

    /**
     * @param kind an authenticator, API-key store or bucket store type
     * @param <T> the kind
     * @return the registered parts of this kind by name
     */
    <T> Map<String, T> parts(Class<T> kind);
}
