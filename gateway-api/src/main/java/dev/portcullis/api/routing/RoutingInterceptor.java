package dev.portcullis.api.routing;

import dev.portcullis.api.Chain;
import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.Interceptor;
import dev.portcullis.api.Problem;
import dev.portcullis.api.ProblemTypes;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The interceptor made by {@link Routing#interceptor(Router)}: records the router's match on the request under
 * {@link Routing#MATCH} and proceeds (see {@link Routing} for the contract), and names its {@link #router()} so
 * read-only views (an admin listing, metrics) can list the routes. Thread-safe; holds no per-request state.
 *
 * <pre>{@code
 * RoutingInterceptor routing = Routing.interceptor(RouteTable.of(route));
 * List<Route> listed = routing.router().routes();
 * }</pre>
 */
public final class RoutingInterceptor implements Interceptor {
    private static final Problem UNFORWARDABLE = Problem.builder(ProblemTypes.INVALID_PATH, 400, "Invalid Path")
            .detail("The path has an empty or dot segment and cannot be forwarded.")
            .build();

    private final Router router;

    RoutingInterceptor(Router router) {
        this.router = router;
    }

    /** @return the router this stage asks */
    public Router router() {
        return router;
    }

    @Override
    public CompletionStage<GatewayResponse> intercept(Chain chain) {
        Optional<RouteMatch> match = router.route(chain.request());
        if (match.isEmpty()) {
            return chain.proceed(chain.request());
        }
        if (!ForwardPaths.isForwardable(match.get().upstreamRawPath())) {
            return CompletableFuture.completedFuture(GatewayResponse.problem(UNFORWARDABLE));
        }
        return chain.proceed(chain.request().withAttribute(Routing.MATCH, match.get()));
    }

    @Override
    public String name() {
        return "Routing";
    }
}
