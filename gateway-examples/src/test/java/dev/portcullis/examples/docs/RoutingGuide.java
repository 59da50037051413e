package dev.portcullis.examples.docs;

import dev.portcullis.api.Pipeline;
import dev.portcullis.api.routing.LoadBalancer;
import dev.portcullis.api.routing.LoadBalancers;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import java.time.Duration;

/** The fragments of docs/routing.md, compiled; {@code GuidesBuildTest} builds them. */
final class RoutingGuide {
    private RoutingGuide() {
    }

    static Pipeline routes() {
        // tag::routes[]
        RouteTable routes = RouteTable.of(
            Route.builder("admin")
                .path("/api/admin/**")
                .host("admin.example.com", "*.internal.example.com")   // case, port and trailing dot ignored
                .methods("GET", "POST")
                .header("X-Admin-Version", "v[23]")                  // one value must match the regex entirely
                .upstream("http://10.0.0.9:8080")
                .build(),
            Route.builder("users")
                .path("/api/users/{id:[0-9]+}/**")                    // {id} captured raw -> RouteMatch.pathVariables()
                .stripPrefix(1)                                       // /api/users/7/orders -> /users/7/orders
                .upstream("http://10.0.0.5:8080", 3)                  // smooth weighted round-robin: 3 of every 4
                .upstream("http://10.0.0.6:8080", 1)
                .connectTimeout(Duration.ofMillis(500))               // > 0 and <= 1 h; default 5 s
                .responseTimeout(Duration.ofSeconds(10))              // time to response headers; default 30 s
                .idleTimeout(Duration.ofSeconds(60))                  // silence between body bytes; default 60 s
                .build(),
            Route.builder("legacy")
                .path("/old/**")
                .query("tier", "gold|silver")                         // decoded query value, whole-match regex
                .rewrite("^/old/(?<rest>.*)$", "/${rest}")            // /old/a/b -> /a/b
                .addPrefix("/v2")                                     // -> /v2/a/b
                .upstream("https://legacy.example.com")
                .build());

        Pipeline pipeline = Pipeline.builder()
            .add(Routing.interceptor(routes))
            .build();
        // end::routes[]
        return pipeline;
    }

    static RouteTable loadBalancers() {
        // tag::load-balancers[]
        LoadBalancer.Factory byTenant = instances -> request -> instances.get(   // the same tenant, the same instance
            Math.floorMod(request.headers().first("X-Tenant").orElse("").hashCode(), instances.size()));
        RouteTable routes = RouteTable.of(
            Route.builder("reports").path("/reports/**")
                .upstream("http://10.0.0.7:8080", 3).upstream("http://10.0.0.8:8080", 1)
                .loadBalancer(LoadBalancers.roundRobin())                      // 1:1 despite the weights
                .build(),
            Route.builder("tenants").path("/tenants/**")
                .upstream("http://10.0.0.5:8080").upstream("http://10.0.0.6:8080")
                .loadBalancer(byTenant)
                .build());
        // end::load-balancers[]
        return routes;
    }
}
