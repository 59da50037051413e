package dev.portcullis.api.routing;

import dev.portcullis.api.GatewayRequest;
import java.util.List;

/**
 * Chooses which instance of one {@link UpstreamGroup} serves a request. A route's group creates its balancer once,
 * when the route is built, through the {@link Factory} chosen with {@link Route.Builder#loadBalancer(Factory)}
 * (default {@link LoadBalancers#weightedRoundRobin()}); the balancer serves that group and no other, so it may keep
 * state per instance (a turn counter, in-flight counts, a hash ring built from the instances).
 *
 * <p>Contract: {@link #choose(GatewayRequest)} is called once for every request the route proxies, on whichever
 * thread runs the pipeline, from many threads at once. It is thread-safe, quick, never blocks on I/O and returns one
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
 * <p>Evolution: a balancer that counts requests in flight (least-requests) must also learn when an exchange ends.
 * That arrives as a new default method, e.g. {@code default void exchangeEnded(Upstream chosen, GatewayRequest
 * request) {}}, which the proxy calls exactly once per successful {@code choose}, when the response body was relayed,
 * failed or the client went away. Its default does nothing, so balancers written against this interface keep
 * compiling and behaving as they do; only balancers that need the signal override it.
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
