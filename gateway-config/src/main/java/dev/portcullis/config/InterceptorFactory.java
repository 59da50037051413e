package dev.portcullis.config;

import dev.portcullis.api.Interceptor;
import java.util.Map;

/**
 * Makes a custom stage the configuration file names in its {@code pipeline}, from the settings the file gives it
 * under {@code interceptors.<name>} (plain values: maps, lists, strings, {@code Long}, {@code Double},
 * {@code Boolean}). Called at every load, off the request path.
 *
 * <pre>{@code
 * InterceptorFactory tenants = settings -> TenantInterceptor.builder()
 *     .tenants(((List<?>) settings.get("tenants")).stream().map(String::valueOf).toArray(String[]::new))
 *     .build();
 * }</pre>
 */
@FunctionalInterface
public interface InterceptorFactory {
    /**
     * @param settings the file's settings for this stage, empty when it gives none
     * @return the interceptor
     * @throws IllegalArgumentException when a setting is missing or wrong, naming it; the file's problem then
     *     points at the stage's settings
     */
    Interceptor create(Map<String, Object> settings);
}
