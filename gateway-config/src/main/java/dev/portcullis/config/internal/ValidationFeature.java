package dev.portcullis.config.internal;

import dev.portcullis.api.Interceptor;

/**
 * The file's {@code validation} section and route schemas, mapped onto gateway-jsonschema; loaded by name only when
 * the file uses it.
 *
 * <pre>{@code
 * Interceptor validation = feature.validation(context);
 * }</pre>
 */
public interface ValidationFeature {
    /**
     * @param context the load
     * @return the validation stage over every route's schema, or null when it failed
     */
    Interceptor validation(AssemblyContext context);
}
