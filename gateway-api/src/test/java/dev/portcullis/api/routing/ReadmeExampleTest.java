package dev.portcullis.api.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portcullis.api.TestRequests;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Keeps the example in the Routing section of README.md honest. */
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
}
