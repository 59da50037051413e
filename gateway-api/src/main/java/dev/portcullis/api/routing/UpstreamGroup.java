package dev.portcullis.api.routing;

import dev.portcullis.api.GatewayRequest;
import java.util.List;
import java.util.Objects;

/**
 * The instances of one route and the {@link LoadBalancer} that chooses among them. Immutable apart from the
 * balancer's own state; thread-safe; never blocks on I/O.
 *
 * <p>{@link #choose(GatewayRequest)} asks the balancer and checks its answer: a {@code null} or an instance that is
 * not one of the group's is refused with an {@link IllegalStateException}, so a faulty balancer can never send a
 * request to an address that was not configured.
 *
 * <pre>{@code
 * UpstreamGroup group = UpstreamGroup.of(List.of(Upstream.of("http://a:80", 5), Upstream.of("http://b:80", 1),
 *     Upstream.of("http://c:80", 1)));
 * Upstream chosen = group.choose(request);   // a, a, b, a, c, a, a, then again
 * }</pre>
 */
public final class UpstreamGroup {
    private final List<Upstream> instances;
    private final LoadBalancer balancer;

    private UpstreamGroup(List<Upstream> instances, LoadBalancer.Factory factory) {
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("an upstream group needs at least one upstream");
        }
        this.instances = List.copyOf(instances);
        LoadBalancer created = factory.create(this.instances);
        if (created == null) {
            throw new IllegalArgumentException("load balancer factory " + factory + " created no balancer");
        }
        this.balancer = created;
    }

    /**
     * @param instances one or more upstreams
     * @return the group, balanced by {@link LoadBalancers#weightedRoundRobin()}
     * @throws IllegalArgumentException if the list is empty
     */
    public static UpstreamGroup of(List<Upstream> instances) {
        return of(instances, LoadBalancers.weightedRoundRobin());
    }

    /**
     * @param instances one or more upstreams
     * @param loadBalancer creates the group's balancer, once, from its instances
     * @return the group
     * @throws IllegalArgumentException if the list is empty, or the factory refuses the instances or creates no
     *     balancer
     */
    public static UpstreamGroup of(List<Upstream> instances, LoadBalancer.Factory loadBalancer) {
        return new UpstreamGroup(Objects.requireNonNull(instances, "instances"),
                Objects.requireNonNull(loadBalancer, "loadBalancer"));
    }

    /** @return the instances, in configuration order */
    public List<Upstream> instances() {
        return instances;
    }

    /**
     * Asks the group's balancer which instance serves a request.
     *
     * @param request the request being proxied
     * @return one of {@link #instances()}
     * @throws IllegalStateException if the balancer returned {@code null} or an instance outside the group
     * @throws RuntimeException whatever the balancer threw
     */
    public Upstream choose(GatewayRequest request) {
        Objects.requireNonNull(request, "request");
        Upstream chosen = balancer.choose(request);
        for (Upstream instance : instances) {
            if (instance == chosen) {
                return chosen;
            }
        }
        if (chosen == null || !instances.contains(chosen)) {
            throw new IllegalStateException(balancer + " chose " + (chosen == null ? "nothing"
                    : chosen) + ", which is not one of its instances " + instances);
        }
        return chosen;
    }

    @Override
    public String toString() {
        return "UpstreamGroup" + instances.stream().map(Upstream::uri).toList() + " balanced by " + balancer;
    }
}
