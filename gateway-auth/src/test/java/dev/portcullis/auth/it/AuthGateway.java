package dev.portcullis.auth.it;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.portcullis.api.Pipeline;
import dev.portcullis.api.auth.AccessPolicy;
import dev.portcullis.api.auth.Authentication;
import dev.portcullis.api.auth.Authorization;
import dev.portcullis.api.auth.CredentialRelay;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.auth.BearerTokenSource;
import dev.portcullis.auth.ClaimHeaders;
import dev.portcullis.auth.ClaimsMapping;
import dev.portcullis.auth.MutableClock;
import dev.portcullis.auth.Tokens;
import dev.portcullis.auth.apikey.ApiKeyAuthenticator;
import dev.portcullis.auth.apikey.ApiKeys;
import dev.portcullis.auth.jwt.JwtAuthenticator;
import dev.portcullis.auth.jwt.JwtIssuer;
import dev.portcullis.core.cors.Cors;
import dev.portcullis.core.cors.CorsPolicy;
import dev.portcullis.servlet.GatewayFilter;
import dev.portcullis.servlet.it.RunningServer;
import dev.portcullis.servlet.it.ServletContainer;
import dev.portcullis.servlet.it.TestUpstream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One complete authenticating gateway in a container, as a user would assemble it: routing, CORS, authentication
 * (JWT from four issuers, then API keys), authorization, claim headers; a counting echo upstream; real JWKS
 * endpoints; a {@link WhoAmI} application servlet; a fake clock for token times and JWKS refetch intervals.
 *
 * <p>Routes: {@code /api/**} (authenticated, Authorization stripped), {@code /relay/**} (authenticated,
 * Authorization relayed), {@code /orders/**} (scope {@code orders:write}), {@code /public/**} (anonymous). Other
 * paths go to the application under the default policy {@code authenticated()}. Issuers {@code https://idp.test/<n>}
 * for n in {@code main} and {@code held} share one JWKS endpoint. Each issuer is used by one test class concern only,
 * so JWKS state never leaks between tests (the identity provider's failures and key rotations are tested apart, in
 * {@link IdentityProviderTest}).
 * The filter forwards header names holding {@code _}, so tests prove that the Authentication stage itself removes
 * {@code X_User_*} spellings rather than the proxy's default underscore rule.
 */
final class AuthGateway implements AutoCloseable {
    static final String CONTAINERS = "dev.portcullis.servlet.it.ServletContainer#all";
    static final Instant START = Instant.parse("2030-01-01T00:00:00Z");
    static final RSAKey MAIN_KEY = Tokens.rsa("main-1");
    static final String API_KEY = "rk_live_0123456789abcdef";
    static final String ORIGIN = "https://app.example";
    static final Duration MIN_REFETCH = Duration.ofSeconds(30);

    final MutableClock clock = new MutableClock(START);
    final AtomicInteger upstreamCalls = new AtomicInteger();
    final JwksEndpoint jwks;
    private final TestUpstream upstream;
    final RunningServer server;

    private AuthGateway(ServletContainer container) throws Exception {
        jwks = JwksEndpoint.start();
        upstream = TestUpstream.start(exchange -> {
            upstreamCalls.incrementAndGet();
            TestUpstream.echo().handle(exchange);
        });
        JwtAuthenticator.Builder jwt = JwtAuthenticator.builder().clock(clock)
                .tokenSource(BearerTokenSource.builder().queryParameter("access_token").cookie("at").build());
        for (String name : new String[] {"main", "held"}) {
            jwt.issuer(issuer(name, jwks.publish(name, MAIN_KEY)));
        }
        ApiKeys keys = ApiKeys.builder()
                .key(ApiKeys.sha256Hex(API_KEY), "reporting", Set.of("reports:read"), Set.of("auditor")).build();
        String base = upstream.baseUri();
        RouteTable routes = RouteTable.of(
                Route.builder("api").path("/api/**").upstream(base).build(),
                Route.builder("relay").path("/relay/**").upstream(base)
                        .metadata(CredentialRelay.KEY, CredentialRelay.RELAY).build(),
                Route.builder("orders").path("/orders/**").upstream(base)
                        .metadata(AccessPolicy.KEY, AccessPolicy.scopesAnyOf("orders:write")).build(),
                Route.builder("public").path("/public/**").upstream(base)
                        .metadata(AccessPolicy.KEY, AccessPolicy.anonymous()).build());
        Pipeline pipeline = Pipeline.builder()
                .add(Routing.interceptor(routes))
                .add(Cors.interceptor(CorsPolicy.builder().allowedOrigins(ORIGIN).allowedMethods("GET", "POST")
                        .allowedHeaders("Authorization", "Content-Type").build()))
                .add(Authentication.interceptor(jwt.build(), ApiKeyAuthenticator.builder(keys).build()))
                .add(Authorization.builder().defaultPolicy(AccessPolicy.authenticated()).build())
                .add(ClaimHeaders.builder().claim("sub", "X-User-Id").claim("tenant", "X-Tenant")
                        .scopesHeader("X-User-Scopes").rolesHeader("X-User-Roles").build())
                .build();
        server = container.start(GatewayFilter.builder().pipeline(pipeline).allowUnderscoreHeaders(true).build(), new WhoAmI());
    }

    private JwtIssuer issuer(String name, URI jwksUri) {
        return JwtIssuer.builder(issuerOf(name)).jwksUri(jwksUri).audiences("shop-api")
                .jwksTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2)).jwksMinRefetchInterval(MIN_REFETCH)
                .claimsMapping(ClaimsMapping.builder().rolesClaim("realm_access.roles").build()).build();
    }

    /** @return one started gateway per container */
    static Map<ServletContainer, AuthGateway> startAll() throws Exception {
        Map<ServletContainer, AuthGateway> all = new EnumMap<>(ServletContainer.class);
        for (ServletContainer container : ServletContainer.values()) {
            all.put(container, new AuthGateway(container));
        }
        return all;
    }

    /** Stops every gateway of {@link #startAll()}. */
    static void closeAll(Map<ServletContainer, AuthGateway> all) throws Exception {
        for (AuthGateway gateway : all.values()) {
            gateway.close();
        }
    }

    static String issuerOf(String name) {
        return "https://idp.test/" + name;
    }

    /**
     * @return claims of a good token of issuer {@code name} at the gateway's current time: sub alice, audience
     *     shop-api, scope "orders:read profile", roles admin and user, five minutes to live
     */
    JWTClaimsSet.Builder claims(String name) {
        return Tokens.claims(clock.instant()).issuer(issuerOf(name));
    }

    /** @return a good RS256 token of the {@code main} issuer, signed with {@link #MAIN_KEY} */
    String token() {
        return Tokens.rs256(MAIN_KEY, claims("main").build());
    }

    /** @return what the upstream has answered so far */
    int upstreamCalls() {
        return upstreamCalls.get();
    }

    @Override
    public void close() throws Exception {
        server.close();
        upstream.close();
        jwks.close();
    }

    /**
     * The application: answers 200 {@code text/plain} with lines {@code user=<principal name or ->},
     * {@code remote=<remote user or ->} and {@code role <r>=<isUserInRole(r)>} for admin, user, auditor, superuser.
     */
    static final class WhoAmI extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            StringBuilder text = new StringBuilder("app ").append(request.getRequestURI()).append('\n');
            text.append("user=").append(request.getUserPrincipal() == null ? "-" : request.getUserPrincipal().getName())
                    .append("\nremote=").append(request.getRemoteUser() == null ? "-" : request.getRemoteUser())
                    .append('\n');
            for (String role : new String[] {"admin", "user", "auditor", "superuser"}) {
                text.append("role ").append(role).append('=').append(request.isUserInRole(role)).append('\n');
            }
            response.setContentType("text/plain;charset=utf-8");
            response.getOutputStream().write(text.toString().getBytes(StandardCharsets.UTF_8));
        }
    }
}
