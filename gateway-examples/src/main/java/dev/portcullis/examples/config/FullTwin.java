package dev.portcullis.examples.config;

import dev.portcullis.api.Pipeline;
import dev.portcullis.api.auth.AccessPolicy;
import dev.portcullis.api.auth.Authentication;
import dev.portcullis.api.auth.Authenticators;
import dev.portcullis.api.auth.Authorization;
import dev.portcullis.api.auth.CredentialRelay;
import dev.portcullis.api.ratelimit.FailureMode;
import dev.portcullis.api.ratelimit.RateLimiting;
import dev.portcullis.api.routing.HashKey;
import dev.portcullis.api.routing.LoadBalancers;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.api.validation.Validation;
import dev.portcullis.auth.BearerTokenSource;
import dev.portcullis.auth.ClaimHeaders;
import dev.portcullis.auth.ClaimsMapping;
import dev.portcullis.auth.apikey.ApiKeyAuthenticator;
import dev.portcullis.auth.apikey.ApiKeys;
import dev.portcullis.auth.jwt.JwtAuthenticator;
import dev.portcullis.auth.jwt.JwtIssuer;
import dev.portcullis.client.jetty.JettyUpstreamClient;
import dev.portcullis.core.ForwardedHeaders;
import dev.portcullis.core.Gateway;
import dev.portcullis.core.accesslog.AccessLog;
import dev.portcullis.core.accesslog.AccessLogFormat;
import dev.portcullis.core.accesslog.AccessLogSampling;
import dev.portcullis.core.client.UpstreamTls;
import dev.portcullis.core.cors.Cors;
import dev.portcullis.core.cors.CorsPolicy;
import dev.portcullis.core.guard.GuardPolicy;
import dev.portcullis.core.guard.RequestGuards;
import dev.portcullis.core.guard.ValueCheck;
import dev.portcullis.core.ipfilter.IpFilter;
import dev.portcullis.core.resilience.CircuitBreaker;
import dev.portcullis.core.resilience.HealthCheck;
import dev.portcullis.core.resilience.OutlierEjection;
import dev.portcullis.core.resilience.Resilience;
import dev.portcullis.core.resilience.Retries;
import dev.portcullis.core.transform.HeaderEdits;
import dev.portcullis.core.transform.LocationRewrite;
import dev.portcullis.core.transform.QueryEdits;
import dev.portcullis.core.trace.TracePolicy;
import dev.portcullis.core.transform.Transform;
import dev.portcullis.examples.custom.InternalCaller;
import dev.portcullis.examples.custom.PrimaryFirst;
import dev.portcullis.examples.custom.TenantInterceptor;
import dev.portcullis.jsonschema.JsonSchemaValidator;
import dev.portcullis.ratelimit.KeyResolvers;
import dev.portcullis.ratelimit.Limit;
import dev.portcullis.ratelimit.LocalBucketStore;
import dev.portcullis.ratelimit.PolicyRateLimiter;
import dev.portcullis.ratelimit.RateLimitPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The Java DSL twin of {@code src/main/config/full.yaml}: every stage the library has, plus the custom
 * {@link TenantInterceptor}, {@link PrimaryFirst} and {@link InternalCaller}.
 *
 * <pre>{@code
 * Gateway gateway = FullTwin.gateway(Path.of("gateway-examples/src/main/config")).build();
 * }</pre>
 */
public final class FullTwin {
    private FullTwin() {
    }

    /**
     * @param directory the configuration directory (keys, schemas)
     * @return the pipeline of the file
     */
    public static Pipeline pipeline(Path directory) {
        RateLimitPolicy orders = RateLimitPolicy.builder("orders")
                .limit(Limit.interval("orders", 10, Duration.ofMinutes(1)))
                .key(KeyResolvers.composite(KeyResolvers.subject(), KeyResolvers.routeId()))
                .methodCost("POST", 2)
                .failureMode(FailureMode.FAIL_CLOSED)
                .unavailableRetryAfter(Duration.ofSeconds(5))
                .build();
        ApiKeyAuthenticator keys = ApiKeyAuthenticator.builder(ApiKeys.builder()
                .file(directory.resolve("keys/api-keys.json")).build()).build();
        RouteTable routes = routes(orders, keys, directory);
        JwtAuthenticator idp = JwtAuthenticator.builder()
                .issuer(JwtIssuer.builder("https://idp.example.com/realms/shop")
                        .jwkSetFile(directory.resolve("keys/jwks.json"))
                        .algorithms("RS256").audiences("shop-api").requiredClaims("tenant").requiredTypes("at+jwt")
                        .clockSkew(Duration.ofSeconds(30))
                        .claimsMapping(ClaimsMapping.builder().nameClaim("sub").scopeClaims("scope", "scp")
                                .rolesClaim("realm_access.roles").build())
                        .build())
                .tokenSource(BearerTokenSource.builder().cookie("access_token").build())
                .build();
        LocalBucketStore local = LocalBucketStore.builder().maxKeys(100_000).build();
        RateLimitPolicy perIp = RateLimitPolicy.builder("per-ip")
                .limit(Limit.greedy("flood", 100, Duration.ofSeconds(1))).build();
        RateLimitPolicy perUser = RateLimitPolicy.builder("per-user")
                .limit(Limit.greedy("burst", 20, Duration.ofSeconds(1))).key(KeyResolvers.subject()).build();
        return Pipeline.builder()
                .add(Routing.interceptor(routes))
                .add(IpFilter.builder().deny("192.0.2.66").build().interceptor())
                .add(Cors.interceptor(CorsPolicy.builder()
                        .allowedOrigins("https://app.example.com", "https://*.example.com")
                        .allowedMethods("GET", "POST").allowedHeaders("Content-Type", "Authorization", "X-Tenant")
                        .exposedHeaders("X-Request-Id").allowCredentials(true).maxAge(Duration.ofMinutes(10))
                        .build()))
                .add(RequestGuards.interceptor(GuardPolicy.builder().maxUriLength(4096).maxHeaderBytes(16 * 1024)
                        .build()))
                .add(RateLimiting.builder(PolicyRateLimiter.builder(local).defaultPolicy(perIp).routes(routes).build())
                        .name("IpRateLimit").build())
                .add(Authentication.builder().defaults(Authenticators.of(idp)).routes(routes).realm("api").build())
                .add(Authorization.builder().defaultPolicy(AccessPolicy.authenticated()).realm("api").build())
                .add(RateLimiting.builder(PolicyRateLimiter.builder(local).defaultPolicy(perUser).routes(routes)
                        .build()).name("UserRateLimit").legacyHeaders(true).build())
                .add(Validation.interceptor(JsonSchemaValidator.builder()
                        .referencedSchema("https://schemas.example.com/address.json",
                                directory.resolve("schemas/address.json"))
                        .maxBodyBytes(256 * 1024)
                        .schema("orders", directory.resolve("schemas/order.json"))
                        .build()))
                .add(Transform.builder().response(HeaderEdits.builder().set("X-Content-Type-Options", "nosniff")
                        .build()).build().interceptor())
                .add(Transform.perRoute())
                .add(ClaimHeaders.builder().claim("sub", "X-User-Id").claim("tenant", "X-User-Tenant")
                        .scopesHeader("X-User-Scopes").build())
                .add(LocationRewrite.interceptor(URI.create("https://api.example.com")))
                .add(TenantInterceptor.builder().header("X-Tenant").tenants("acme", "globex").build())
                .build();
    }

    private static RouteTable routes(RateLimitPolicy orders, ApiKeyAuthenticator keys, Path directory) {
        return RouteTable.of(
                Route.builder("admin").path("/api/admin/**").host("admin.example.com", "*.internal.example.com")
                        .methods("GET", "POST").header("X-Admin-Version", "v[23]").upstream("http://127.0.0.1:9003")
                        .metadata(AccessPolicy.KEY, AccessPolicy.rolesAnyOf("admin"))
                        .metadata(AccessLogSampling.ROUTE, AccessLogSampling.rate(1))
                        .build(),
                Route.builder("orders").path("/api/orders/**").stripPrefix(1)
                        .upstream("http://127.0.0.1:9001/v2", 3).upstream("http://127.0.0.1:9002/v2")
                        .connectTimeout(Duration.ofMillis(500)).responseTimeout(Duration.ofSeconds(10))
                        .idleTimeout(Duration.ofSeconds(60))
                        .metadata(Resilience.KEY, ordersResilience())
                        .metadata(AccessPolicy.KEY, AccessPolicy.scopesAnyOf("orders:read", "orders:admin")
                                .and(AccessPolicy.claim("the claim tenant = acme",
                                        p -> "acme".equals(String.valueOf(p.claims().get("tenant"))))))
                        .metadata(RateLimitPolicy.ROUTE, orders)
                        .metadata(RequestGuards.POLICY, GuardPolicy.builder().maxBodyBytes(64 * 1024)
                                .allowedMethods("GET", "POST").allowedContentTypes("application/json", "application/*+json")
                                .requireHeader("X-Tenant", ValueCheck.pattern("[a-z0-9-]{1,32}")).build())
                        .metadata(Transform.ROUTE, Transform.builder()
                                .request(HeaderEdits.builder().remove("Cookie").set("X-Gateway", "portcullis").build())
                                .query(QueryEdits.builder().remove("debug").build())
                                .response(HeaderEdits.builder().remove("Server").build())
                                .build())
                        .build(),
                Route.builder("reports").path("/reports/**").query("format", "csv|json")
                        .upstream("http://127.0.0.1:9001").upstream("http://127.0.0.1:9002")
                        .loadBalancer(LoadBalancers.consistentHash(HashKey.header("X-Tenant")))
                        .metadata(Resilience.KEY, Resilience.builder().outlierEjection(OutlierEjection.off()).build())
                        .metadata(Authenticators.KEY, Authenticators.of(keys))
                        .metadata(AccessPolicy.KEY, AccessPolicy.scopesAnyOf("reports:read"))
                        .build(),
                Route.builder("inventory").path("/api/inventory/**")
                        .upstream("http://127.0.0.1:9001").upstream("http://127.0.0.1:9002")
                        .loadBalancer(LoadBalancers.leastRequests())
                        .build(),
                Route.builder("ops").path("/ops/**").predicate(InternalCaller.PREDICATE)
                        .upstream("http://127.0.0.1:9003").upstream("http://127.0.0.1:9002")
                        .loadBalancer(PrimaryFirst.FACTORY)
                        .build(),
                Route.builder("legacy").path("/old/**").rewrite("^/old/(?<rest>.*)$", "/${rest}").addPrefix("/v1")
                        .upstream("http://127.0.0.1:9004").upstream("http://127.0.0.1:9002")
                        .loadBalancer(LoadBalancers.roundRobin()).preserveHost(true)
                        .metadata(Authenticators.KEY, Authenticators.anonymous())
                        .metadata(AccessPolicy.KEY, AccessPolicy.anonymous())
                        .metadata(CredentialRelay.KEY, CredentialRelay.RELAY)
                        .metadata(AccessLogSampling.ROUTE, AccessLogSampling.off())
                        .build());
    }

    private static Resilience ordersResilience() {
        return Resilience.builder()
                .healthCheck(HealthCheck.builder("/health").interval(Duration.ofSeconds(5))
                        .jitter(Duration.ofMillis(500)).timeout(Duration.ofSeconds(1))
                        .healthyThreshold(2).unhealthyThreshold(3).expectedStatuses(200, 204).build())
                .outlierEjection(OutlierEjection.builder().consecutiveFailures(3).countServerErrors(true)
                        .baseEjectionTime(Duration.ofSeconds(10)).maxEjectionTime(Duration.ofMinutes(2))
                        .maxEjectedPercent(50).build())
                .circuitBreaker(CircuitBreaker.builder().maxRequests(200).maxPending(50).build())
                .retries(Retries.builder().maxRetries(2)
                        .on(Retries.Condition.CONNECT_FAILURE, Retries.Condition.RESET, Retries.Condition.TIMEOUT)
                        .statuses(503).nonIdempotent(false)
                        .backoff(Duration.ofMillis(25), Duration.ofMillis(250)).budget(20, 3)
                        .maxReplayBytes(16 * 1024)
                        .perTryTimeout(Duration.ofSeconds(2)).overallTimeout(Duration.ofSeconds(5))
                        .build())
                .build();
    }

    /**
     * @param directory the configuration directory
     * @return a gateway builder with the file's pipeline, settings and client (close the client after the gateway)
     */
    public static Gateway.Builder gateway(Path directory) {
        return settings(Gateway.builder(), directory);
    }

    /**
     * @param builder a gateway or filter builder
     * @param directory the configuration directory (keys, schemas, TLS material)
     * @param <B> its type
     * @return the builder with the file's pipeline, settings, access log and client (close the client after the
     *     gateway)
     */
    public static <B extends Gateway.Settings<B>> B settings(B builder, Path directory) {
        char[] password = secret(directory.resolve("tls/gateway.p12.password"));
        UpstreamTls tls = UpstreamTls.builder()
                .trustStore(directory.resolve("tls/upstream-trust.p12"), password)
                .clientCertificate(directory.resolve("tls/gateway.p12"), password)
                .hostnameVerification(true)
                .build();
        return builder.pipeline(pipeline(directory))
                .trustedProxies("10.0.0.0/8", "::1/128")
                .forwardedHeaders(ForwardedHeaders.X_FORWARDED)
                .requestIdHeader("X-Request-Id")
                .viaPseudonym("portcullis")
                .allowEncodedSlash(false).allowTrace(false).allowUnderscoreHeaders(false)
                .maxUpstreamResponseHeadBytes(7 * 1024)
                .maxInFlight(2048)
                .drainTimeout(Duration.ofSeconds(20))
                .accessLog(AccessLog.builder().format(AccessLogFormat.json()).sampling(AccessLogSampling.rate(0.5))
                        .includeQuery(true).redactQueryParameters("otp").includeSubject(true).queueCapacity(8192)
                        .build())
                .traceContext(TracePolicy.trust("10.1.0.0/16").withSampleRate(0.25))
                .upstreamClient(JettyUpstreamClient.builder().maxConnectionsPerDestination(256)
                        .maxRequestsQueuedPerDestination(1024).idleTimeout(Duration.ofSeconds(60)).tls(tls).build());
    }

    private static char[] secret(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).toCharArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
