package dev.portcullis.api.routing;

import dev.portcullis.api.GatewayRequest;
import java.util.List;

/**
 * Chooses which instance of one {@link UpstreamGroup} serves a request. A route's group creates its balancer once,
 * when the route is built, through the {@link Factory} chosen with {@link Route.Builder#loadBalancer(Factory)}
 * (default {@link LoadBalancers#weightedRoundRobin()}); the balancer serves that group and no other, so it may keep
 * state per instance (a turn counter, in-flight counts, a hash ring built from the instances).
 *
 * <p>Contract: a {@code choose} method is called once for every upstream request the route sends (a retry is another
 * one), on whichever thread runs the pipeline or the retry, from many threads at once. It is thread-safe, quick, never blocks on I/O and returns one
 * of the instances its factory was given (the very object, or an equal one). What the gateway does otherwise:
 * <ul>
 *   <li>an exception, a {@code null} or an instance outside the group is the gateway's own fault: the request is
 *       answered with a 500 {@code internal-error} problem, no upstream is contacted, and the error is logged once
 *       with the request id and the route;</li>
 *   <li>a {@link dev.portcullis.api.ProblemException} is an answer, not a fault: the request gets its problem (a
 *       balancer that knows no instance can serve may answer 503 this way) and nothing is logged.</li>
 * </ul>
 *
 * <p>The request carries the attributes earlier stages set (the {@linkplain Routing#MATCH matched route}, the
 * principal), so a balancer may choose by a header, a cookie, the client address or the caller.
 *
 * <p>Resilience: the gateway calls {@link #choose(GatewayRequest, List)} with the instances that may serve the request
 * now (healthy by the active checks, not ejected as outliers and, for a retry, not tried yet), and tells the balancer
 * through {@link #exchangeEnded(Upstream, GatewayRequest)} when the exchange it chose an instance for is over, so a
 * balancer can count requests in flight. Both are default methods: a balancer written against {@code choose(request)}
 * alone keeps compiling, and when it picks an instance that may not serve now its group
 * {@linkplain UpstreamGroup#choose(GatewayRequest, List) replaces} it with the next eligible one.
 *
 * <pre>{@code
 * // sticky by tenant: the same X-Tenant header always reaches the same instance
 * LoadBalancer.Factory byTenant = instances -> request -> instances.get(
 *     Math.floorMod(request.headers().first("X-Tenant").orElse("").hashCode(), instances.size()));
 * Route route = Route.builder("tenants").path("/t/**")
 *     .upstream("http://10.0.0.5:8080").upstream("http://10.0.0.6:8080")
 *     .loadBalancer(byTenant)
 *     .build();
 * }</pre>
 */
@FunctionalInterface
public interface LoadBalancer {

    /**
     * @param request the request being proxied, after every stage
     * @return the instance to send it to: one of the group's
     */
    Upstream choose(GatewayRequest request);

    /**
     * Chooses among the instances that may serve this request now. The gateway always calls this method; the default
     * asks {@link #choose(GatewayRequest)}. A balancer that keeps state per instance (in-flight counts, a turn over the
     * instances) overrides it to choose among {@code eligible} only; the standard strategies of {@link LoadBalancers}
     * do.
     *
     * @param request the request being proxied, after every stage
     * @param eligible the group's instances that are healthy, not ejected and, for a retry, not tried yet: never
     *     empty, in configuration order, the very objects the factory was given (the factory's own list when every
     *     instance is eligible)
     * @return the instance to send it to: one of {@code eligible}. One of the group's other instances is replaced by
     *     its group with the next eligible instance in configuration order
     */
    default Upstream choose(GatewayRequest request, List<Upstream> eligible) {
        return choose(request);
    }

    /**
     * The exchange of one earlier choice is over: its response body was relayed, it failed, or the client went away.
     * Called exactly once for every instance a {@code choose} returned and the gateway then sent the request to (with
     * the instance the request went to, which differs from the one returned only when the group replaced an
     * instance that may not serve), on whichever thread ends the exchange. Quick and non-blocking, like
     * {@code choose}; an exception is logged and ignored. Default: nothing.
     *
     * <pre>{@code
     * public void exchangeEnded(Upstream chosen, GatewayRequest request) {
     *     inFlight.get(chosen).decrementAndGet();
     * }
     * }</pre>
     *
     * @param chosen the instance the request was sent to
     * @param request the request as it was passed to {@code choose}
     */
    default void exchangeEnded(Upstream chosen, GatewayRequest request) {
    }

    /**
     * Creates the balancer of one group. Called once per group, when its route is built; a factory is stateless and
     * may be shared by many routes, each getting a balancer of its own.
     *
     * <p>An {@link IllegalArgumentException} refuses the group (say, a strategy that cannot serve weighted
     * instances); the route's {@code build()} reports it, naming the route.
     *
     * <pre>{@code
     * LoadBalancer.Factory first = instances -> request -> instances.get(0);
     * }</pre>
     */
    @FunctionalInterface
    interface Factory {

        /**
         * @param instances the group's instances: immutable, not empty, in configuration order
         * @return a new balancer choosing among exactly these instances; never {@code null}
         * @throws IllegalArgumentException if this strategy cannot serve these instances
         */
        LoadBalancer create(List<Upstream> instances);
    }
}
