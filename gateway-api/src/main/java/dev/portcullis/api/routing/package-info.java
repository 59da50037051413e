/**
 * Routing: the {@link dev.portcullis.api.routing.Router} decision, the standard ordered
 * {@link dev.portcullis.api.routing.RouteTable}, {@link dev.portcullis.api.routing.Route} and
 * {@link dev.portcullis.api.routing.Upstream} values, the {@link dev.portcullis.api.routing.LoadBalancer} strategy
 * that chooses a route's instance (standard ones in {@link dev.portcullis.api.routing.LoadBalancers}), and
 * {@link dev.portcullis.api.routing.Routing}, which puts a router into the pipeline.
 */
package dev.portcullis.api.routing;
