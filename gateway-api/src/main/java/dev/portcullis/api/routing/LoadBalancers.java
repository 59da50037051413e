package dev.portcullis.api.routing;

import dev.portcullis.api.GatewayRequest;
import java.util.List;
import java.util.Objects;

/**
 * The standard {@link LoadBalancer} strategies. Each is lock-free or holds a lock only for a few arithmetic steps,
 * never blocks on I/O, chooses only among the instances that may serve (healthy, not ejected, not tried yet by a
 * retry) and chooses the one instance of a single-instance group without any bookkeeping.
 *
 * <pre>{@code
 * Route route = Route.builder("users").path("/api/users/**")
 *     .upstream("http://10.0.0.5:8080", 3).upstream("http://10.0.0.6:8080", 1)
 *     .loadBalancer(LoadBalancers.leastRequests())    // default: weightedRoundRobin()
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

    /**
     * Least requests by the power of two choices: of two different instances drawn at random, the one with fewer
     * requests in flight per unit of weight. Sends less to an instance that answers slowly or holds long streams,
     * without the herd effect of always taking the global minimum. Counts requests until their exchange ends
     * ({@link LoadBalancer#exchangeEnded}), per gateway.
     *
     * @return the least-requests strategy
     */
    public static LoadBalancer.Factory leastRequests() {
        return Standard.LEAST_REQUESTS;
    }

    /**
     * Consistent hashing for sticky routing: requests with the same key go to the same instance for as long as it
     * may serve; when it is ejected, unhealthy or removed, only its keys move, and they come back when it returns.
     * Weighted (an instance of weight 2 takes about twice the keys). A request without the key goes to an eligible
     * instance at random.
     *
     * @param key what to hash, e.g. {@link HashKey#header(String)}, {@link HashKey#cookie(String)} or
     *     {@link HashKey#clientAddress()}
     * @return the consistent-hash strategy on that key
     */
    public static LoadBalancer.Factory consistentHash(HashKey key) {
        Objects.requireNonNull(key, "key");
        return new LoadBalancer.Factory() {
            @Override
            public LoadBalancer create(List<Upstream> instances) {
                return instances.size() == 1 ? new Only(instances.get(0)) : new ConsistentHash(instances, key);
            }

            @Override
            public String toString() {
                return "consistentHash(" + key + ")";
            }
        };
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
        },
        LEAST_REQUESTS("leastRequests") {
            @Override
            public LoadBalancer create(List<Upstream> instances) {
                return instances.size() == 1 ? new Only(instances.get(0)) : new LeastRequests(instances);
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

    /** The balancer of a group of one: its instance is the only one that can be eligible. */
    private record Only(Upstream instance) implements LoadBalancer {
        @Override
        public Upstream choose(GatewayRequest request) {
            return instance;
        }
    }
}
