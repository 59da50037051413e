package dev.portcullis.api.routing;

import dev.portcullis.api.GatewayRequest;
import java.util.List;

/**
 * Smooth weighted round-robin as in nginx: each choice adds every eligible instance's weight to its running score,
 * takes the highest score and lowers it by the eligible instances' total weight. Over {@code sum(weights)} choices
 * each instance is chosen exactly its weight times, spread out rather than in bursts; an instance that may not serve
 * (ejected, unhealthy) is skipped and its score left alone, as nginx skips a peer that is down. The update holds a
 * lock for one pass over the instances, and no I/O. See {@link LoadBalancers#weightedRoundRobin()}.
 */
final class SmoothWeightedRoundRobin implements LoadBalancer {
    private final List<Upstream> instances;
    private final InstanceIndex index;
    private final int[] weights;
    private final long[] current;

    SmoothWeightedRoundRobin(List<Upstream> instances) {
        this.instances = List.copyOf(instances);
        this.index = new InstanceIndex(this.instances);
        this.weights = instances.stream().mapToInt(Upstream::weight).toArray();
        this.current = new long[weights.length];
    }

    @Override
    public Upstream choose(GatewayRequest request) {
        return choose(request, instances);
    }

    @Override
    public Upstream choose(GatewayRequest request, List<Upstream> eligible) {
        boolean all = eligible.size() == instances.size();
        int best = -1;
        synchronized (current) {
            long total = 0;
            for (int e = 0; e < eligible.size(); e++) {
                int i = all ? e : index.of(eligible.get(e));
                current[i] += weights[i];
                total += weights[i];
                if (best < 0 || current[i] > current[best]) {
                    best = i;
                }
            }
            current[best] -= total;
        }
        return instances.get(best);
    }

    @Override
    public String toString() {
        return "weightedRoundRobin";
    }
}
