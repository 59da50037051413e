package dev.portcullis.api.routing;

import dev.portcullis.api.GatewayRequest;
import java.util.List;

/**
 * Smooth weighted round-robin as in nginx: each choice adds every instance's weight to its running score, takes the
 * highest score and lowers it by the total weight. Over {@code sum(weights)} choices each instance is chosen exactly
 * its weight times, spread out rather than in bursts. The update holds a lock for one pass over the instances, and
 * no I/O. See {@link LoadBalancers#weightedRoundRobin()}.
 */
final class SmoothWeightedRoundRobin implements LoadBalancer {
    private final List<Upstream> instances;
    private final int[] weights;
    private final int totalWeight;
    private final long[] current;

    SmoothWeightedRoundRobin(List<Upstream> instances) {
        this.instances = List.copyOf(instances);
        this.weights = instances.stream().mapToInt(Upstream::weight).toArray();
        this.totalWeight = instances.stream().mapToInt(Upstream::weight).sum();
        this.current = new long[weights.length];
    }

    @Override
    public Upstream choose(GatewayRequest request) {
        int best = 0;
        synchronized (current) {
            for (int i = 0; i < current.length; i++) {
                current[i] += weights[i];
                if (current[i] > current[best]) {
                    best = i;
                }
            }
            current[best] -= totalWeight;
        }
        return instances.get(best);
    }

    @Override
    public String toString() {
        return "weightedRoundRobin";
    }
}
