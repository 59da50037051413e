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
     * Asks the group's balancer which instance serves a request, every instance being eligible.
     *
     * @param request the request being proxied
     * @return one of {@link #instances()}
     * @throws IllegalStateException if the balancer returned {@code null} or an instance outside the group
     * @throws RuntimeException whatever the balancer threw
     */
    public Upstream choose(GatewayRequest request) {
        return choose(request, instances);
    }

    /**
     * Asks the group's balancer which of the eligible instances serves a request, and checks its answer. An answer
     * that is one of the group's instances but not eligible (a balancer that ignores {@code eligible}) is replaced by
     * the next eligible instance after it in configuration order, so a sticky choice moves the same way every time.
     *
     * @param request the request being proxied
     * @param eligible the instances that may serve it: a non-empty sublist of {@link #instances()} in configuration
     *     order (see {@link LoadBalancer#choose(GatewayRequest, List)})
     * @return one of {@code eligible}, the group's own object
     * @throws IllegalArgumentException if {@code eligible} is empty
     * @throws IllegalStateException if the balancer returned {@code null} or an instance outside the group, or
     *     {@code eligible} holds none of the group's instances
     * @throws RuntimeException whatever the balancer threw
     */
    public Upstream choose(GatewayRequest request, List<Upstream> eligible) {
        Objects.requireNonNull(request, "request");
        if (eligible.isEmpty()) {
            throw new IllegalArgumentException("no eligible instance to choose from");
        }
        Upstream chosen = balancer.choose(request, eligible);
        int index = indexOf(instances, chosen);
        if (index < 0) {
            throw new IllegalStateException(balancer + " chose " + (chosen == null ? "nothing"
                    : chosen) + ", which is not one of its instances " + instances);
        }
        for (int step = 0; step < instances.size(); step++) {
            Upstream candidate = instances.get((index + step) % instances.size());
            if (indexOf(eligible, candidate) >= 0) {
                return candidate;
            }
        }
        throw new IllegalStateException("none of the eligible instances " + eligible + " is one of " + instances);
    }

    /**
     * Tells the balancer that the exchange of one earlier choice is over (see
     * {@link LoadBalancer#exchangeEnded(Upstream, GatewayRequest)}).
     *
     * @param chosen the instance the request was sent to
     * @param request the request as it was passed to {@code choose}
     */
    public void exchangeEnded(Upstream chosen, GatewayRequest request) {
        balancer.exchangeEnded(chosen, request);
    }

    /** The position of an instance, the very object first and else an equal one; -1 when absent. */
    private static int indexOf(List<Upstream> list, Upstream instance) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == instance) {
                return i;
            }
        }
        return instance == null ? -1 : list.indexOf(instance);
    }

    @Override
    public String toString() {
        return "UpstreamGroup" + instances.stream().map(Upstream::uri).toList() + " balanced by " + balancer;
    }
}
