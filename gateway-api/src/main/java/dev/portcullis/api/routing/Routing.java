package dev.portcullis.api.routing;

import dev.portcullis.api.AttributeKey;
import dev.portcullis.api.Chain;
import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.Interceptor;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Adapts a {@link Router} into the pipeline.
 *
 * <p>The routing interceptor decides early and forwards late: it stores the {@link RouteMatch} under
 * {@link #MATCH} and proceeds, so stages after it (authorization, rate limits, validation) can apply per-route
 * policies, and the pipeline's terminal handler proxies a matched request to the route's upstream. A request with
 * no match proceeds without the attribute and reaches the servlet application, still having passed every stage.
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
     * @param router the routing decision
     * @return an interceptor that records the router's match on the request and proceeds
     */
    public static Interceptor interceptor(Router router) {
        Objects.requireNonNull(router, "router");
        return new Interceptor() {
            @Override
            public CompletionStage<GatewayResponse> intercept(Chain chain) {
                Optional<RouteMatch> match = router.route(chain.request());
                return chain.proceed(match.isPresent()
                        ? chain.request().withAttribute(MATCH, match.get())
                        : chain.request());
            }

            @Override
            public String name() {
                return "Routing";
            }
        };
    }
}
