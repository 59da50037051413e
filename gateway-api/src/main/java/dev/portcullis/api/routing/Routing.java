package dev.portcullis.api.routing;

import dev.portcullis.api.AttributeKey;
import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.Interceptor;
import dev.portcullis.api.Pipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Adapts a {@link Router} into the pipeline.
 *
 * <p>The routing interceptor decides early and forwards late: it stores the {@link RouteMatch} under
 * {@link #MATCH} and proceeds, so stages after it (authorization, rate limits, validation) can apply per-route
 * policies, and the pipeline's terminal handler proxies a matched request to the route's upstream. A request with
 * no match proceeds without the attribute and reaches the servlet application, still having passed every stage.
 *
 * <p>A match whose upstream path is not forwardable (it has {@code //} or a {@code .}/{@code ..} segment, also
 * percent-encoded or with {@code ;parameters}) is answered right here with a 400
 * {@link dev.portcullis.api.ProblemTypes#INVALID_PATH} problem: the gateway never collapses such a path, which would route on one path
 * and forward another.
 *
 * <pre>{@code
 * Pipeline.builder().add(Routing.interceptor(routeTable)).add(authentication).build();
 * }</pre>
 */
public final class Routing {
    /** The matched route of a request, set by the routing interceptor. */
    public static final AttributeKey<RouteMatch> MATCH = AttributeKey.of("route-match", RouteMatch.class);

    private Routing() {
    }

    /**
     * Reads a value the matched route carries in its metadata: how a stage finds its per-route policy.
     *
     * <pre>{@code
     * AccessPolicy policy = Routing.metadata(request, AccessPolicy.KEY).orElse(defaultPolicy);
     * }</pre>
     *
     * @param request a request after routing
     * @param key the metadata key
     * @param <T> the value's type
     * @return the value of the request's matched route, empty when no route matched or the route has none
     */
    public static <T> Optional<T> metadata(GatewayRequest request, AttributeKey<T> key) {
        Objects.requireNonNull(key, "key");
        return request.attribute(MATCH).flatMap(match -> match.route().metadata().get(key));
    }

    /**
     * @param router the routing decision
     * @return an interceptor that records the router's match on the request and proceeds
     */
    public static RoutingInterceptor interceptor(Router router) {
        return new RoutingInterceptor(Objects.requireNonNull(router, "router"));
    }

    /**
     * Lists the routes a pipeline can send requests to: those of every routing stage in it, in stage order and then
     * in match order, as far as their routers {@linkplain Router#routes() can list them}. A read-only view for an
     * admin listing or metrics; nothing here runs per request.
     *
     * <pre>{@code
     * for (Route route : Routing.routes(pipeline)) {
     *     System.out.println(route.id() + " " + route.pathPattern());
     * }
     * }</pre>
     *
     * @param pipeline a pipeline
     * @return its routes, possibly empty
     */
    public static List<Route> routes(Pipeline pipeline) {
        List<Route> routes = new ArrayList<>();
        for (Interceptor interceptor : Objects.requireNonNull(pipeline, "pipeline").interceptors()) {
            if (interceptor instanceof RoutingInterceptor routing) {
                routes.addAll(routing.router().routes());
            }
        }
        return List.copyOf(routes);
    }
}
