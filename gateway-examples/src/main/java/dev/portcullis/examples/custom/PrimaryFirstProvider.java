package dev.portcullis.examples.custom;

import dev.portcullis.api.routing.LoadBalancer;
import dev.portcullis.config.LoadBalancerProvider;

/**
 * Offers {@link PrimaryFirst} to configuration files as {@code customLoadBalancer: primary-first}, found with
 * {@link java.util.ServiceLoader}.
 *
 * <pre>{@code
 * routes:
 *   - id: ops
 *     upstreams: [http://primary:8080, http://standby:8080]
 *     customLoadBalancer: primary-first
 * }</pre>
 */
public final class PrimaryFirstProvider implements LoadBalancerProvider {
    @Override
    public String name() {
        return "primary-first";
    }

    @Override
    public LoadBalancer.Factory factory() {
        return PrimaryFirst.FACTORY;
    }
}
