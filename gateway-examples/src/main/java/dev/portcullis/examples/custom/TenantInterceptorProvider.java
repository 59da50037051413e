package dev.portcullis.examples.custom;

import dev.portcullis.api.Interceptor;
import dev.portcullis.config.InterceptorProvider;
import java.util.List;
import java.util.Map;

/**
 * Offers the {@link TenantInterceptor} to configuration files as the custom stage {@code tenant}, found with
 * {@link java.util.ServiceLoader} (the standalone launcher registers stages this way). Its settings come from the
 * file's {@code interceptors.tenant} section: {@code tenants} (required) and {@code header} (default
 * {@code X-Tenant}).
 *
 * <pre>{@code
 * pipeline: [routing, tenant]
 * interceptors:
 *   tenant: {header: X-Tenant, tenants: [acme, globex]}
 * }</pre>
 */
public final class TenantInterceptorProvider implements InterceptorProvider {
    @Override
    public String name() {
        return "tenant";
    }

    @Override
    public Interceptor create(Map<String, Object> settings) {
        for (String key : settings.keySet()) {
            if (!List.of("header", "tenants").contains(key)) {
                throw new IllegalArgumentException("unknown setting '" + key + "' of the tenant stage; it takes "
                        + "header and tenants");
            }
        }
        if (!(settings.get("tenants") instanceof List<?> tenants)) {
            throw new IllegalArgumentException("tenants: a list of tenant ids is required");
        }
        TenantInterceptor.Builder builder = TenantInterceptor.builder()
                .tenants(tenants.stream().map(String::valueOf).toArray(String[]::new));
        if (settings.get("header") != null) {
            builder.header(String.valueOf(settings.get("header")));
        }
        return builder.build();
    }
}
