package dev.portcullis.examples.custom;

import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.routing.LoadBalancer;
import dev.portcullis.api.routing.Upstream;
import java.util.List;

/**
 * A custom load-balancing strategy: every request goes to the first instance that may serve it, in configuration
 * order, so the later instances are standbys that take over only while the ones before them are unhealthy or
 * ejected. Stateless, lock-free.
 *
 * <pre>{@code
 * Route.builder("ops").upstream("http://primary:8080").upstream("http://standby:8080")
 *     .loadBalancer(PrimaryFirst.FACTORY).build();
 * }</pre>
 */
public final class PrimaryFirst implements LoadBalancer {
    /** Builds a balancer per group. */
    public static final LoadBalancer.Factory FACTORY = PrimaryFirst::new;

    private final List<Upstream> instances;

    private PrimaryFirst(List<Upstream> instances) {
        this.instances = instances;
    }

    @Override
    public Upstream choose(GatewayRequest request) {
        return instances.get(0);
    }

    @Override
    public Upstream choose(GatewayRequest request, List<Upstream> eligible) {
        return eligible.get(0);
    }

    @Override
    public String toString() {
        return "primaryFirst";
    }
}
