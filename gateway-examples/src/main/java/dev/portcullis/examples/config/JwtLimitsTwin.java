package dev.portcullis.examples.config;

import dev.portcullis.api.Pipeline;
import dev.portcullis.api.auth.AccessPolicy;
import dev.portcullis.api.auth.Authentication;
import dev.portcullis.api.auth.Authenticators;
import dev.portcullis.api.auth.Authorization;
import dev.portcullis.api.ratelimit.RateLimiting;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.auth.ClaimHeaders;
import dev.portcullis.auth.ClaimsMapping;
import dev.portcullis.auth.jwt.JwtAuthenticator;
import dev.portcullis.auth.jwt.JwtIssuer;
import dev.portcullis.ratelimit.KeyResolvers;
import dev.portcullis.ratelimit.Limit;
import dev.portcullis.ratelimit.LocalBucketStore;
import dev.portcullis.ratelimit.PolicyRateLimiter;
import dev.portcullis.ratelimit.RateLimitPolicy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The Java DSL twin of {@code src/main/config/jwt-per-user-limits.yaml}.
 *
 * <pre>{@code
 * Pipeline pipeline = JwtLimitsTwin.pipeline(Path.of("gateway-examples/src/main/config"));
 * }</pre>
 */
public final class JwtLimitsTwin {
    private JwtLimitsTwin() {
    }

    /**
     * @param directory the configuration directory, where {@code keys/jwks.json} lives
     * @return the pipeline of the file
     */
    public static Pipeline pipeline(Path directory) {
        JwtAuthenticator idp = JwtAuthenticator.builder()
                .issuer(JwtIssuer.builder("https://idp.example.com/realms/shop")
                        .jwkSetFile(directory.resolve("keys/jwks.json"))
                        .algorithms("RS256")
                        .audiences("shop-api")
                        .claimsMapping(ClaimsMapping.builder().rolesClaim("realm_access.roles").build())
                        .build())
                .issuer(JwtIssuer.builder("https://partners.example.com")
                        .jwksUri(URI.create("https://partners.example.com/.well-known/jwks.json"))
                        .audiences("shop-api")
                        .jwksCacheTtl(Duration.ofMinutes(10)).jwksMinRefetchInterval(Duration.ofSeconds(30))
                        .build())
                .build();
        RouteTable routes = RouteTable.of(
                Route.builder("orders").path("/api/orders/**").stripPrefix(1).upstream("http://127.0.0.1:9001")
                        .metadata(AccessPolicy.KEY, AccessPolicy.scopesAnyOf("orders:read", "orders:admin"))
                        .build(),
                Route.builder("health").path("/health").upstream("http://127.0.0.1:9001")
                        .metadata(Authenticators.KEY, Authenticators.anonymous())
                        .metadata(AccessPolicy.KEY, AccessPolicy.anonymous())
                        .build());
        LocalBucketStore local = LocalBucketStore.builder().maxKeys(100_000).build();
        RateLimitPolicy perIp = RateLimitPolicy.builder("per-ip")
                .limit(Limit.greedy("flood", 50, Duration.ofSeconds(1))).build();
        RateLimitPolicy perUser = RateLimitPolicy.builder("per-user")
                .limit(Limit.interval("minute", 10, Duration.ofMinutes(1)))
                .limit(Limit.interval("hourly", 1000, Duration.ofHours(1)))
                .key(KeyResolvers.subject())
                .methodCost("POST", 5)
                .build();
        return Pipeline.builder()
                .add(Routing.interceptor(routes))
                .add(RateLimiting.builder(PolicyRateLimiter.builder(local).defaultPolicy(perIp).routes(routes).build())
                        .name("IpRateLimit").build())
                .add(Authentication.builder().defaults(Authenticators.of(idp)).routes(routes).realm("shop").build())
                .add(Authorization.builder().defaultPolicy(AccessPolicy.authenticated()).build())
                .add(RateLimiting.builder(PolicyRateLimiter.builder(local).defaultPolicy(perUser).routes(routes)
                        .build()).name("UserRateLimit").build())
                .add(ClaimHeaders.builder().claim("sub", "X-User-Id").claim("iss", "X-User-Issuer")
                        .scopesHeader("X-User-Scopes").rolesHeader("X-User-Roles").build())
                .build();
    }
}
