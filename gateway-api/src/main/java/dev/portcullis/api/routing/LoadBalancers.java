package dev.portcullis.api.routing;

import dev.portcullis.api.GatewayRequest;
import java.util.List;

/**
 * The standard {@link LoadBalancer} strategies. Both are lock-free or hold a lock only for a few arithmetic steps,
 * never block on I/O, and choose the one instance of a single-instance group without any bookkeeping.
 *
 * <pre>{@code
 * Route route = Route.builder("users").path("/api/users/**")
 *     .upstream("http://10.0.0.5:8080", 3).upstream("http://10.0.0.6:8080", 1)
 *     .loadBalancer(LoadBalancers.roundRobin())     // 1:1, the weights are ignored
 *     .build();
 * }</pre>
 */
public final class LoadBalancers {
    private LoadBalancers() {
    }

    /**
     * @return the default: smooth weighted round-robin (as in nginx), which spreads each instance's share evenly over
     *     a cycle of {@code sum(weights)} choices instead of sending bursts (weights 5/1/1 choose
     *     {@code a a b a c a a}); with equal weights it is plain lock-free round-robin
     */
    public static LoadBalancer.Factory weightedRoundRobin() {
        return Standard.WEIGHTED_ROUND_ROBIN;
    }

    /**
     * @return round-robin that ignores the weights: every instance once per cycle, in configuration order; lock-free
     */
    public static LoadBalancer.Factory roundRobin() {
        return Standard.ROUND_ROBIN;
    }

    private enum Standard implements LoadBalancer.Factory {
        ROUND_ROBIN("roundRobin") {
            @Override
            public LoadBalancer create(List<Upstream> instances) {
                return instances.size() == 1 ? new Only(instances.get(0)) : new RoundRobin(instances);
            }
        },
        WEIGHTED_ROUND_ROBIN("weightedRoundRobin") {
            @Override
            public LoadBalancer create(List<Upstream> instances) {
                if (instances.stream().mapToInt(Upstream::weight).distinct().count() == 1) {
                    return ROUND_ROBIN.create(instances);
                }
                return new SmoothWeightedRoundRobin(instances);
            }
        };

        private final String name;

        Standard(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** The balancer of a group of one. */
    private record Only(Upstream instance) implements LoadBalancer {
        @Override
        public Upstream choose(GatewayRequest request) {
            return instance;
        }
    }
}
