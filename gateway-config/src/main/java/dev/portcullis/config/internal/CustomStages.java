package dev.portcullis.config.internal;

import dev.portcullis.api.Interceptor;
import java.util.Map;
import java.util.Set;

/**
 * The custom stages the application registered, as the assembly sees them.
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
}
