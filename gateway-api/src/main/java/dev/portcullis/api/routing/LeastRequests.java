package dev.portcullis.api.routing;

import dev.portcullis.api.GatewayRequest;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Least requests by the power of two choices: two different eligible instances at random, and of those the one with
 * fewer requests in flight per unit of weight (ties go to the first drawn). Requests in flight are counted from the
 * choice to {@link #exchangeEnded}; one atomic increment and one decrement per request, no lock. Choosing between two
 * random instances rather than the global minimum keeps many gateways (or many threads) from all rushing the one
 * instance that looked idlest a moment ago. See {@link LoadBalancers#leastRequests()}.
 */
final class LeastRequests implements LoadBalancer {
    private final List<Upstream> instances;
    private final InstanceIndex index;
    private final AtomicIntegerArray inFlight;

    LeastRequests(List<Upstream> instances) {
        this.instances = List.copyOf(instances);
        this.index = new InstanceIndex(this.instances);
        this.inFlight = new AtomicIntegerArray(instances.size());
    }

    @Override
    public Upstream choose(GatewayRequest request) {
        return choose(request, instances);
    }

    @Override
    public Upstream choose(GatewayRequest request, List<Upstream> eligible) {
        int chosen;
        if (eligible.size() == 1) {
            chosen = index.of(eligible.get(0));
        } else {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            int first = random.nextInt(eligible.size());
            int second = random.nextInt(eligible.size() - 1);
            if (second >= first) {
                second++;
            }
            chosen = lighter(index.of(eligible.get(first)), index.of(eligible.get(second)));
        }
        inFlight.incrementAndGet(chosen);
        return instances.get(chosen);
    }

    @Override
    public void exchangeEnded(Upstream chosen, GatewayRequest request) {
        inFlight.getAndUpdate(index.of(chosen), count -> Math.max(0, count - 1));
    }

    /** Compares (in flight + 1) / weight without division: the new request counts, so weights matter at zero. */
    private int lighter(int a, int b) {
        long loadA = (inFlight.get(a) + 1L) * instances.get(b).weight();
        long loadB = (inFlight.get(b) + 1L) * instances.get(a).weight();
        return loadB < loadA ? b : a;
    }

    @Override
    public String toString() {
        return "leastRequests";
    }
}
