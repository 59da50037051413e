package dev.portcullis.api.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.HttpHeaders;
import dev.portcullis.api.TestRequests;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Keeps the example of docs/routing.md honest: the routes it shows route as it says. */
class ReadmeExampleTest {

    @Test
    void theReadmeRouteTableRoutesAsDocumented() {
        RouteTable routes = RouteTable.of(
                Route.builder("admin")
                        .path("/api/admin/**")
                        .host("admin.example.com", "*.internal.example.com")
                        .methods("GET", "POST")
                        .header("X-Admin-Version", "v[23]")
                        .upstream("http://10.0.0.9:8080")
                        .build(),
                Route.builder("users")
                        .path("/api/users/{id:[0-9]+}/**")
                        .stripPrefix(1)
                        .upstream("http://10.0.0.5:8080", 3)
                        .upstream("http://10.0.0.6:8080", 1)
                        .connectTimeout(Duration.ofMillis(500))
                        .responseTimeout(Duration.ofSeconds(10))
                        .build(),
                Route.builder("legacy")
                        .path("/old/**")
                        .query("tier", "gold|silver")
                        .rewrite("^/old/(?<rest>.*)$", "/${rest}")
                        .addPrefix("/v2")
                        .upstream("https://legacy.example.com")
                        .build());

        RouteMatch users = routes.route(TestRequests.get("/api/users/7/orders")).orElseThrow();
        RouteMatch legacy = routes.route(TestRequests.builder("GET", "/old/a/b").rawQuery("tier=gold").build())
                .orElseThrow();

        assertEquals("/users/7/orders", users.upstreamRawPath());
        assertEquals("7", users.pathVariables().get("id"));
        assertEquals("/v2/a/b", legacy.upstreamRawPath());
        assertEquals(true, routes.route(TestRequests.get("/api/admin/x")).isEmpty());
    }

    @Test
    void theReadmeLoadBalancersChooseAsDocumented() {
        LoadBalancer.Factory byTenant = instances -> request -> instances.get(
                Math.floorMod(request.headers().first("X-Tenant").orElse("").hashCode(), instances.size()));
        RouteTable routes = RouteTable.of(
                Route.builder("reports").path("/reports/**")
                        .upstream("http://10.0.0.7:8080", 3).upstream("http://10.0.0.8:8080", 1)
                        .loadBalancer(LoadBalancers.roundRobin())
                        .build(),
                Route.builder("tenants").path("/tenants/**")
                        .upstream("http://10.0.0.5:8080").upstream("http://10.0.0.6:8080")
                        .loadBalancer(byTenant)
                        .build());

        GatewayRequest report = TestRequests.get("/reports/q1");
        UpstreamGroup reports = routes.route(report).orElseThrow().route().upstreams();
        assertEquals(List.of("10.0.0.7", "10.0.0.8", "10.0.0.7", "10.0.0.8"),
                Stream.generate(() -> reports.choose(report).uri().getHost()).limit(4).toList());
        GatewayRequest acme = TestRequests.builder("GET", "/tenants/x")
                .headers(HttpHeaders.builder().add("X-Tenant", "acme").build()).build();
        UpstreamGroup tenants = routes.route(acme).orElseThrow().route().upstreams();
        Upstream first = tenants.choose(acme);
        assertEquals(List.of(first, first, first), Stream.generate(() -> tenants.choose(acme)).limit(3).toList());
    }
}
