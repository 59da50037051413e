/**
 * Routing: the {@link dev.portcullis.api.routing.Router} decision, the standard ordered
 * {@link dev.portcullis.api.routing.RouteTable}, {@link dev.portcullis.api.routing.Route} and
 * {@link dev.portcullis.api.routing.Upstream} values, the {@link dev.portcullis.api.routing.LoadBalancer} strategy
 * that chooses a route's instance (standard ones in {@link dev.portcullis.api.routing.LoadBalancers}), and
 * {@link dev.portcullis.api.routing.Routing}, which puts a router into the pipeline as a
 * {@link dev.portcullis.api.routing.RoutingInterceptor}. {@link dev.portcullis.api.routing.Routing#routes} and
 * {@link dev.portcullis.api.routing.InstanceStates} serve read-only views (an admin listing, metrics).
 */
package dev.portcullis.api.routing;
