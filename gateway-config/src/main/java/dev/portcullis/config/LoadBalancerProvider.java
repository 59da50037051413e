package dev.portcullis.config;

import dev.portcullis.api.routing.LoadBalancer;

/**
 * A custom load-balancing strategy found with {@link java.util.ServiceLoader}, for applications that cannot register
 * one in code (the standalone launcher): list the implementation in
 * {@code META-INF/services/dev.portcullis.config.LoadBalancerProvider} and name it in a route's
 * {@code customLoadBalancer}. In code, use {@link InterceptorRegistry.Builder#addLoadBalancer} instead.
 *
 * <pre>{@code
 * public final class PrimaryFirstProvider implements LoadBalancerProvider {
 *     public String name() { return "primary-first"; }
 *     public LoadBalancer.Factory factory() { return instances -> request -> instances.get(0); }
 * }
 * }</pre>
 */
public interface LoadBalancerProvider {
    /** @return the strategy's name in the file */
    String name();

    /** @return the factory every route naming the strategy builds its balancer with */
    LoadBalancer.Factory factory();
}
