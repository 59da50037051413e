package dev.portcullis.api.routing;

import dev.portcullis.api.GatewayRequest;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every eligible instance in turn, ignoring weights; one atomic increment per choice. See
 * {@link LoadBalancers#roundRobin()}.
 */
final class RoundRobin implements LoadBalancer {
    private final List<Upstream> instances;
    private final AtomicInteger turn = new AtomicInteger();

    RoundRobin(List<Upstream> instances) {
        this.instances = List.copyOf(instances);
    }

    @Override
    public Upstream choose(GatewayRequest request) {
        return choose(request, instances);
    }

    @Override
    public Upstream choose(GatewayRequest request, List<Upstream> eligible) {
        return eligible.get(Math.floorMod(turn.getAndIncrement(), eligible.size()));
    }

    @Override
    public String toString() {
        return "roundRobin";
    }
}
