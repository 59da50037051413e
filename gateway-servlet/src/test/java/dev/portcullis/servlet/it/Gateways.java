package dev.portcullis.servlet.it;

import dev.portcullis.api.Interceptor;
import dev.portcullis.api.Pipeline;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.servlet.GatewayFilter;

/**
 * Shortcuts for building the {@link GatewayFilter} under test.
 *
 * <pre>{@code
 * GatewayFilter filter = Gateways.routing(Route.builder("api").path("/api/**").upstream(upstream.baseUri()).build());
 * }</pre>
 */
public final class Gateways {
    private Gateways() {
    }

    /**
     * @param routes the routes
     * @return a filter whose pipeline only routes
     */
    public static GatewayFilter routing(Route... routes) {
        return builder(routes).build();
    }

    /**
     * @param routes the routes
     * @return a filter builder whose pipeline only routes, for further settings
     */
    public static GatewayFilter.Builder builder(Route... routes) {
        return GatewayFilter.builder().pipeline(Pipeline.builder().add(Routing.interceptor(RouteTable.of(routes))).build());
    }

    /**
     * @param before stages that run before routing
     * @param routes the routes
     * @return a filter builder with those stages, then routing
     */
    public static GatewayFilter.Builder builder(java.util.List<Interceptor> before, Route... routes) {
        return GatewayFilter.builder().pipeline(Pipeline.builder().addAll(before)
                .add(Routing.interceptor(RouteTable.of(routes))).build());
    }
}
