package dev.portcullis.api.routing;

import dev.portcullis.api.GatewayRequest;
import java.util.List;
import java.util.Optional;

/**
 * Decides where a request goes: to a {@link Route}'s upstream, or (no match) to the servlet application behind the
 * filter. {@link RouteTable} is the standard implementation; {@link Routing#interceptor(Router)} adapts any router
 * into the pipeline.
 *
 * <pre>{@code
 * Router router = RouteTable.of(
 *     Route.builder("users").path("/api/users/**").stripPrefix(1).upstream("http://127.0.0.1:9001").build());
 * }</pre>
 *
 * <p>Implementations are thread-safe, do not block and do no I/O.
 */
@FunctionalInterface
public interface Router {

    /**
     * @param request the request
     * @return the match, or empty to let the application serve the request
     */
    Optional<RouteMatch> route(GatewayRequest request);

    /**
     * Lists the routes this router can send requests to, for read-only views (an admin listing, metrics); never
     * called per request.
     *
     * @return the routes in match order; empty (the default) when this router cannot list them
     */
    default List<Route> routes() {
        return List.of();
    }
}
