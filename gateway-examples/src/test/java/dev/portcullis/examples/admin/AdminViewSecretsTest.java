package dev.portcullis.examples.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.Pipeline;
import dev.portcullis.api.auth.Authentication;
import dev.portcullis.api.auth.Authenticators;
import dev.portcullis.api.ratelimit.RateLimiting;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.auth.apikey.ApiKeyAuthenticator;
import dev.portcullis.auth.apikey.ApiKeys;
import dev.portcullis.auth.introspection.IntrospectionAuthenticator;
import dev.portcullis.auth.jwt.JwtAuthenticator;
import dev.portcullis.auth.jwt.JwtIssuer;
import dev.portcullis.core.Gateway;
import dev.portcullis.ratelimit.Limit;
import dev.portcullis.ratelimit.LocalBucketStore;
import dev.portcullis.ratelimit.PolicyRateLimiter;
import dev.portcullis.ratelimit.RateLimitPolicy;
import dev.portcullis.ratelimit.RedisBucketStore;
import dev.portcullis.servlet.admin.AdminServlet;
import dev.portcullis.servlet.it.Http;
import dev.portcullis.servlet.it.RunningServer;
import dev.portcullis.servlet.it.ServletContainer;
import jakarta.servlet.Filter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The admin view of a gateway configured with every kind of secret (a JWT HMAC secret, an introspection client
 * secret, API keys, a Redis URL with a password, the admin token itself) shows the routes and stages and none of them.
 */
class AdminViewSecretsTest {
    private static final String CONTAINERS = "dev.portcullis.servlet.it.ServletContainer#all";
    private static final byte[] HMAC_SECRET = "hmac-secret-of-the-demo-issuer-0123456789".getBytes(StandardCharsets.UTF_8);
    private static final String CLIENT_SECRET = "introspection-client-secret-4242";
    private static final String API_KEY = "api-key-raw-value-6d1f0c";
    private static final String REDIS_PASSWORD = "redis-password-789xyz";
    private static final String ADMIN_TOKEN = "admin-token-0123456789abcdef";

    /** One Redis store (never reachable) and one gateway for both containers: Lettuce is slow to start and stop. */
    private static RedisBucketStore redis;
    private static Gateway gateway;

    @BeforeAll
    static void buildGateway() {
        redis = RedisBucketStore.builder("redis://:" + REDIS_PASSWORD + "@127.0.0.1:1").timeout(Duration.ofMillis(50))
                .build();
        gateway = gateway(redis);
    }

    @AfterAll
    static void closeGateway() {
        gateway.close();
        redis.close();
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void theViewListsRoutesAndStagesButNoSecretOfAnyKind(ServletContainer container) throws Exception {
        AdminServlet admin = AdminServlet.builder(gateway).bearerToken(ADMIN_TOKEN).build();
        Filter nothingInFront = (request, response, chain) -> chain.doFilter(request, response);
        try (RunningServer server = container.start(nothingInFront, admin)) {
            HttpResponse<String> view = Http.send(HttpRequest.newBuilder(server.uri("/"))
                    .header("Authorization", "Bearer " + ADMIN_TOKEN).build());

            assertEquals(200, view.statusCode(), view.body());
            assertTrue(view.body().contains("\"partners\"") && view.body().contains("\"Authentication\""),
                    view.body());
            for (String secret : List.of(new String(HMAC_SECRET, StandardCharsets.UTF_8),
                    Base64.getUrlEncoder().withoutPadding().encodeToString(HMAC_SECRET),
                    HexFormat.of().formatHex(HMAC_SECRET), CLIENT_SECRET, API_KEY, ApiKeys.sha256Hex(API_KEY),
                    REDIS_PASSWORD, ADMIN_TOKEN)) {
                assertFalse(view.body().contains(secret), "the view shows " + secret + ": " + view.body());
            }
        }
    }

    private static Gateway gateway(RedisBucketStore redis) {
        JwtAuthenticator jwt = JwtAuthenticator.builder().issuer(JwtIssuer.builder("https://idp.example")
                .hmacSecret(HMAC_SECRET).algorithms("HS256").build()).build();
        IntrospectionAuthenticator opaque = IntrospectionAuthenticator.builder(URI.create("https://idp.example/introspect"))
                .client("gateway", CLIENT_SECRET, IntrospectionAuthenticator.ClientAuth.BASIC).build();
        ApiKeyAuthenticator apiKeys = ApiKeyAuthenticator.builder(ApiKeys.builder()
                .key(ApiKeys.sha256Hex(API_KEY), "reporting", Set.of("reports:read"), Set.of()).build()).build();
        RateLimitPolicy shared = RateLimitPolicy.builder("shared")
                .limit(Limit.greedy("burst", 10, Duration.ofSeconds(1))).store(redis).build();
        RouteTable routes = RouteTable.of(
                Route.builder("partners").path("/partners/**").upstream("http://10.0.0.7:8080")
                        .metadata(Authenticators.KEY, Authenticators.of(opaque, apiKeys))
                        .metadata(RateLimitPolicy.ROUTE, shared).build(),
                Route.builder("api").path("/api/**").upstream("http://10.0.0.8:8080").build());
        return Gateway.builder().pipeline(Pipeline.builder()
                        .add(Routing.interceptor(routes))
                        .add(Authentication.builder().defaults(Authenticators.of(jwt)).routes(routes).build())
                        .add(RateLimiting.interceptor(PolicyRateLimiter.builder(LocalBucketStore.builder().build())
                                .defaultPolicy(RateLimitPolicy.builder("per-ip")
                                        .limit(Limit.greedy("burst", 10, Duration.ofSeconds(1))).build())
                                .routes(routes).build()))
                        .build())
                .build();
    }
}
