package dev.portcullis.examples.demo;

import dev.portcullis.api.Pipeline;
import dev.portcullis.api.auth.AccessPolicy;
import dev.portcullis.api.auth.Authentication;
import dev.portcullis.api.auth.Authorization;
import dev.portcullis.api.ratelimit.RateLimiting;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.auth.ClaimHeaders;
import dev.portcullis.core.cors.Cors;
import dev.portcullis.core.cors.CorsPolicy;
import dev.portcullis.core.guard.GuardPolicy;
import dev.portcullis.core.guard.RequestGuards;
import dev.portcullis.examples.custom.TenantInterceptor;
import dev.portcullis.ratelimit.Limit;
import dev.portcullis.ratelimit.LocalBucketStore;
import dev.portcullis.ratelimit.PolicyRateLimiter;
import dev.portcullis.ratelimit.RateLimitPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * The gateway of the example apps, in two small steps you can read top to bottom: {@link #routes} (what is
 * proxied where) and {@link #pipeline} (which stages every request passes, in order); {@link DemoMonitoring} builds
 * the servlet filter that runs them, with metrics, and the admin view.
 *
 * <p>The pipeline is {@code Routing -> Cors -> RequestGuards -> PerIpRateLimit -> Authentication -> Authorization ->
 * ClaimHeaders -> TenantInterceptor}, the order the README advises:
 * <ul>
 *   <li>{@code /api/**} is proxied to the demo upstream with its first segment stripped
 *       ({@code /api/orders} arrives as {@code /orders}); {@code /secure/**} likewise, but only with a JWT from the
 *       {@link DemoIssuer} carrying the scope {@value #SECURE_SCOPE}, whose subject reaches the upstream as
 *       {@code X-User-Id}; every other path goes to the servlet application;</li>
 *   <li>CORS for the browser origin {@value #BROWSER_ORIGIN}, before the guards so a preflight is answered by the
 *       CORS stage;</li>
 *   <li>the default request guards (URI and header size, body size);</li>
 *   <li>{@value #REQUESTS_PER_WINDOW} requests per client IP per 10 seconds, then {@code 429} problems;</li>
 *   <li>the {@linkplain TenantInterceptor custom interceptor}: routed requests need {@code X-Tenant} naming
 *       {@code acme} or {@code globex}.</li>
 * </ul>
 * The per-IP limit sits before {@code Authentication}, so a flood of bad tokens is turned away before any token is
 * checked; {@code Cors} comes before both (a browser's preflight needs no token). A per-user limit would follow
 * {@code Authorization}.
 *
 * <pre>{@code
 * GatewayFilter filter = GatewayFilter.builder()
 *     .pipeline(DemoGateway.pipeline(DemoGateway.routes("http://127.0.0.1:9000")))
 *     .build();
 * filter.register(servletContext);
 * }</pre>
 */
public final class DemoGateway {
    /** The browser origin allowed by the CORS stage. */
    public static final String BROWSER_ORIGIN = "http://localhost:3000";
    /** How many requests one client IP may make per {@link #RATE_WINDOW}. */
    public static final int REQUESTS_PER_WINDOW = 5;
    /** The rate-limit window, refilled whole at its end. */
    public static final Duration RATE_WINDOW = Duration.ofSeconds(10);
    /** The scope a token needs on {@code /secure/**}. */
    public static final String SECURE_SCOPE = "orders:read";

    private DemoGateway() {
    }

    /**
     * @param upstreamBaseUri the demo upstream, e.g. {@code http://127.0.0.1:9000}
     * @return the route table: {@code /secure/**} (token with {@value #SECURE_SCOPE} required) and {@code /api/**}
     *     to the upstream, first segment stripped
     */
    public static RouteTable routes(String upstreamBaseUri) {
        Objects.requireNonNull(upstreamBaseUri, "upstreamBaseUri");
        return RouteTable.of(
                upstreamRoute("secure", "/secure/**", upstreamBaseUri)
                        .metadata(AccessPolicy.KEY, AccessPolicy.scopesAnyOf(SECURE_SCOPE))
                        .build(),
                upstreamRoute("api", "/api/**", upstreamBaseUri).build());
    }

    private static Route.Builder upstreamRoute(String id, String path, String upstreamBaseUri) {
        return Route.builder(id)
                .path(path)
                .stripPrefix(1)
                .upstream(upstreamBaseUri)
                .connectTimeout(Duration.ofSeconds(2))
                .responseTimeout(Duration.ofSeconds(10));
    }

    /**
     * @param routes the route table
     * @return the example pipeline, in the order described above; each call builds fresh rate-limit buckets
     */
    public static Pipeline pipeline(RouteTable routes) {
        Objects.requireNonNull(routes, "routes");
        RateLimitPolicy perIp = RateLimitPolicy.builder("per-ip")
                .limit(Limit.interval("demo", REQUESTS_PER_WINDOW, RATE_WINDOW))
                .build();
        return Pipeline.builder()
                .add(Routing.interceptor(routes))
                .add(Cors.interceptor(CorsPolicy.builder()
                        .allowedOrigins(BROWSER_ORIGIN)
                        .allowedMethods("GET", "POST")
                        .allowedHeaders("Content-Type", "X-Tenant")
                        .exposedHeaders("X-Request-Id")
                        .build()))
                .add(RequestGuards.interceptor(GuardPolicy.defaults()))
                .add(RateLimiting.builder(PolicyRateLimiter.builder(LocalBucketStore.builder().build())
                        .defaultPolicy(perIp).build()).name("PerIpRateLimit").build())
                .add(Authentication.interceptor(DemoIssuer.shared().authenticator()))
                .add(Authorization.builder().defaultPolicy(AccessPolicy.anonymous()).build())
                .add(ClaimHeaders.builder().claim("sub", "X-User-Id").build())
                .add(TenantInterceptor.builder().header("X-Tenant").tenants("acme", "globex").build())
                .build();
    }
}
