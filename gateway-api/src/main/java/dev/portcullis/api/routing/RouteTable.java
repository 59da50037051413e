package dev.portcullis.api.routing;

import dev.portcullis.api.GatewayRequest;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The standard {@link Router}: an ordered list of routes where the first route that matches wins. The order is the
 * order given; nothing is sorted behind your back. Route ids must be unique. Immutable and thread-safe.
 *
 * <pre>{@code
 * RouteTable table = RouteTable.of(
 *     Route.builder("admin").path("/api/admin/**").upstream("http://127.0.0.1:9002").build(),
 *     Route.builder("api").path("/api/**").upstream("http://127.0.0.1:9001").build());
 * }</pre>
 */
public final class RouteTable implements Router {
    private final List<Route> routes;

    private RouteTable(List<Route> routes) {
        this.routes = List.copyOf(routes);
        Set<String> ids = new HashSet<>();
        for (Route route : this.routes) {
            if (!ids.add(route.id())) {
                throw new IllegalArgumentException("route id " + route.id() + " is used twice");
            }
        }
    }

    /** @param routes the routes in match order @return the table */
    public static RouteTable of(Route... routes) {
        return new RouteTable(List.of(routes));
    }

    /** @param routes the routes in match order @return the table */
    public static RouteTable of(List<Route> routes) {
        return new RouteTable(routes);
    }

    /** @return the routes, in match order */
    @Override
    public List<Route> routes() {
        return routes;
    }

    @Override
    public Optional<RouteMatch> route(GatewayRequest request) {
        for (Route route : routes) {
            Optional<RouteMatch> match = route.match(request);
            if (match.isPresent()) {
                return match;
            }
        }
        return Optional.empty();
    }
}
