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
import dev.portcullis.auth.apikey.ApiKeyAuthenticator;
import dev.portcullis.auth.apikey.ApiKeys;
import dev.portcullis.core.guard.GuardPolicy;
import dev.portcullis.core.guard.RequestGuards;
import dev.portcullis.ratelimit.KeyResolvers;
import dev.portcullis.ratelimit.Limit;
import dev.portcullis.ratelimit.PolicyRateLimiter;
import dev.portcullis.ratelimit.RateLimitPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * The Java DSL twin of {@code src/main/config/api-keys.yaml}.
 *
 * <pre>{@code
 * Pipeline pipeline = ApiKeysTwin.pipeline(Path.of("gateway-examples/src/main/config"),
 *     System.getenv("REPORTING_API_KEY"));
 * }</pre>
 */
public final class ApiKeysTwin {
    private ApiKeysTwin() {
    }

    /**
     * @param directory the configuration directory, where {@code keys/api-keys.json} lives
     * @param reportingKey the key the file reads from {@code ${REPORTING_API_KEY}}
     * @return the pipeline of the file
     */
    public static Pipeline pipeline(Path directory, String reportingKey) {
        ApiKeyAuthenticator keys = ApiKeyAuthenticator.builder(ApiKeys.builder()
                        .key(ApiKeys.sha256Hex(reportingKey), "reporting", Set.of("reports:read"), Set.of())
                        .file(directory.resolve("keys/api-keys.json"))
                        .build())
                .header("X-API-Key")
                .build();
        RateLimitPolicy perKeyAndRoute = RateLimitPolicy.builder("per-key-and-route")
                .limit(Limit.interval("daily", 3, Duration.ofDays(1)))
                .key(KeyResolvers.composite(KeyResolvers.apiKey(), KeyResolvers.routeId()))
                .build();
        RouteTable routes = RouteTable.of(
                Route.builder("reports").path("/reports/**").upstream("http://127.0.0.1:9001")
                        .metadata(AccessPolicy.KEY, AccessPolicy.scopesAnyOf("reports:read"))
                        .build(),
                Route.builder("jobs").path("/jobs/**").upstream("http://127.0.0.1:9002")
                        .metadata(AccessPolicy.KEY, AccessPolicy.scopesAllOf("jobs:run"))
                        .metadata(RateLimitPolicy.ROUTE, perKeyAndRoute)
                        .metadata(RequestGuards.POLICY, GuardPolicy.builder().allowedMethods("POST")
                                .allowedContentTypes("application/json").maxBodyBytes(16 * 1024).build())
                        .build());
        RateLimitPolicy perKey = RateLimitPolicy.builder("per-key")
                .limit(Limit.interval("minute", 60, Duration.ofMinutes(1)))
                .key(KeyResolvers.apiKey())
                .build();
        return Pipeline.builder()
                .add(Routing.interceptor(routes))
                .add(RequestGuards.interceptor(GuardPolicy.defaults()))
                .add(Authentication.builder().defaults(Authenticators.of(keys)).routes(routes).build())
                .add(Authorization.builder().build())
                .add(RateLimiting.builder(PolicyRateLimiter.builder().defaultPolicy(perKey).routes(routes).build())
                        .legacyHeaders(true).build())
                .build();
    }
}
