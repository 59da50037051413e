package dev.portcullis.auth.it;

import static dev.portcullis.auth.it.Wire.assertProblem;
import static dev.portcullis.auth.it.Wire.bearer;
import static dev.portcullis.auth.it.Wire.echo;
import static dev.portcullis.auth.it.Wire.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.RSAKey;
import dev.portcullis.api.Pipeline;
import dev.portcullis.api.ProblemTypes;
import dev.portcullis.api.auth.AccessPolicy;
import dev.portcullis.api.auth.Authentication;
import dev.portcullis.api.auth.Authenticators;
import dev.portcullis.api.auth.Authorization;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.auth.BearerTokenSource;
import dev.portcullis.auth.ClaimHeaders;
import dev.portcullis.auth.MutableClock;
import dev.portcullis.auth.Tokens;
import dev.portcullis.auth.apikey.ApiKeyAuthenticator;
import dev.portcullis.auth.apikey.ApiKeys;
import dev.portcullis.auth.jwt.JwtAuthenticator;
import dev.portcullis.auth.jwt.JwtIssuer;
import dev.portcullis.servlet.GatewayFilter;
import dev.portcullis.servlet.it.RunningServer;
import dev.portcullis.servlet.it.ServletContainer;
import dev.portcullis.servlet.it.TestUpstream;
import java.net.http.HttpResponse;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Per-route authentication through the real filter in each container: {@code /partners/**} accepts only tokens of
 * the partner issuer (header or cookie {@code pt}), {@code /internal/**} only API keys, {@code /public/**} nobody's
 * credentials (anonymous), and {@code /api/**} and the application use the default staff issuer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PerRouteAuthenticationTest {
    static final RSAKey PARTNER_KEY = Tokens.rsa("partner-1");
    static final RSAKey STAFF_KEY = Tokens.rsa("staff-1");
    static final String API_KEY = "rk_live_fedcba9876543210";

    final MutableClock clock = new MutableClock(AuthGateway.START);
    final AtomicInteger upstreamCalls = new AtomicInteger();
    final Map<ServletContainer, RunningServer> servers = new EnumMap<>(ServletContainer.class);
    JwksEndpoint jwks;
    TestUpstream upstream;

    @BeforeAll
    void startOneGatewayPerContainer() throws Exception {
        jwks = JwksEndpoint.start();
        upstream = TestUpstream.start(exchange -> {
            upstreamCalls.incrementAndGet();
            TestUpstream.echo().handle(exchange);
        });
        JwtAuthenticator partnerJwt = JwtAuthenticator.builder().clock(clock)
                .tokenSource(BearerTokenSource.builder().cookie("pt").build())
                .issuer(issuer("partners", PARTNER_KEY)).build();
        JwtAuthenticator staffJwt = JwtAuthenticator.builder().clock(clock).issuer(issuer("staff", STAFF_KEY)).build();
        ApiKeyAuthenticator apiKeys = ApiKeyAuthenticator.builder(ApiKeys.builder()
                .key(ApiKeys.sha256Hex(API_KEY), "reporting", Set.of("reports:read"), Set.of("auditor")).build())
                .build();
        String base = upstream.baseUri();
        RouteTable routes = RouteTable.of(
                Route.builder("partners").path("/partners/**").upstream(base)
                        .metadata(Authenticators.KEY, Authenticators.of(partnerJwt)).build(),
                Route.builder("internal").path("/internal/**").upstream(base)
                        .metadata(Authenticators.KEY, Authenticators.of(apiKeys)).build(),
                Route.builder("public").path("/public/**").upstream(base)
                        .metadata(Authenticators.KEY, Authenticators.anonymous())
                        .metadata(AccessPolicy.KEY, AccessPolicy.anonymous()).build(),
                Route.builder("api").path("/api/**").upstream(base).build());
        Pipeline pipeline = Pipeline.builder()
                .add(Routing.interceptor(routes))
                .add(Authentication.builder().defaults(Authenticators.of(staffJwt)).routes(routes).build())
                .add(Authorization.builder().defaultPolicy(AccessPolicy.authenticated()).build())
                .add(ClaimHeaders.builder().claim("sub", "X-User-Id").rolesHeader("X-User-Roles").build())
                .build();
        for (ServletContainer container : ServletContainer.values()) {
            servers.put(container, container.start(GatewayFilter.builder().pipeline(pipeline).build(),
                    new AuthGateway.WhoAmI()));
        }
    }

    private JwtIssuer issuer(String name, RSAKey key) {
        return JwtIssuer.builder(AuthGateway.issuerOf(name)).jwksUri(jwks.publish(name, key))
                .audiences("shop-api").build();
    }

    @AfterAll
    void stopThem() throws Exception {
        for (RunningServer server : servers.values()) {
            server.close();
        }
        upstream.close();
        jwks.close();
    }

    private String token(String issuer, RSAKey key) {
        return Tokens.rs256(key, Tokens.claims(clock.instant()).issuer(AuthGateway.issuerOf(issuer)).build());
    }

    private String partnerToken() {
        return token("partners", PARTNER_KEY);
    }

    private String staffToken() {
        return token("staff", STAFF_KEY);
    }

    @ParameterizedTest
    @MethodSource(AuthGateway.CONTAINERS)
    void thePartnerRouteAcceptsAPartnerTokenAndRefusesAnApiKeyAndAStaffToken(ServletContainer container)
            throws Exception {
        RunningServer server = servers.get(container);
        int before = upstreamCalls.get();

        Wire.Echo partner = echo(get(server, "/partners/orders", "Authorization", bearer(partnerToken())));
        HttpResponse<String> apiKey = get(server, "/partners/orders", "X-API-Key", API_KEY);
        HttpResponse<String> staff = get(server, "/partners/orders", "Authorization", bearer(staffToken()));

        assertEquals(List.of("alice"), partner.header("X-User-Id"));
        assertEquals(List.of(), partner.header("Authorization"));
        assertEquals("Bearer", assertProblem(apiKey, 401, ProblemTypes.UNAUTHORIZED));
        assertTrue(assertProblem(staff, 401, ProblemTypes.UNAUTHORIZED).startsWith("Bearer error=\"invalid_token\""),
                "the partner issuer's verdict on a foreign token");
        assertEquals(before + 1, upstreamCalls.get());
    }

    @ParameterizedTest
    @MethodSource(AuthGateway.CONTAINERS)
    void theInternalRouteAcceptsAnApiKeyAndRefusesAPartnerToken(ServletContainer container) throws Exception {
        RunningServer server = servers.get(container);
        int before = upstreamCalls.get();

        Wire.Echo internal = echo(get(server, "/internal/reports", "X-API-Key", API_KEY));
        HttpResponse<String> partner = get(server, "/internal/reports", "Authorization", bearer(partnerToken()));

        assertEquals(List.of("auditor"), internal.header("X-User-Roles"));
        assertEquals(List.of(), internal.header("X-API-Key"));
        assertEquals("Bearer", assertProblem(partner, 401, ProblemTypes.UNAUTHORIZED),
                "no JWT authenticator is asked on this route, so no invalid_token verdict either");
        assertEquals(before + 1, upstreamCalls.get());
    }

    @ParameterizedTest
    @MethodSource(AuthGateway.CONTAINERS)
    void thePublicRouteLetsAnonymousThroughWithNoCredentialOrIdentityHeaderForwarded(ServletContainer container)
            throws Exception {
        RunningServer server = servers.get(container);

        Wire.Echo nothing = echo(get(server, "/public/news"));
        Wire.Echo loaded = echo(get(server, "/public/news", "Authorization", bearer("not-even-a-token"),
                "X-API-Key", "rk_live_guess", "Cookie", "pt=" + partnerToken(), "X-User-Id", "root",
                "X-User-Roles", "admin"));

        assertEquals("/public/news", nothing.target());
        for (String header : List.of("Authorization", "X-API-Key", "Cookie", "X-User-Id", "X-User-Roles")) {
            assertEquals(List.of(), loaded.header(header), header);
        }
    }

    @ParameterizedTest
    @MethodSource(AuthGateway.CONTAINERS)
    void aRouteThatSaysNothingAndAnUnmatchedPathUseTheDefaultAuthenticators(ServletContainer container)
            throws Exception {
        RunningServer server = servers.get(container);

        Wire.Echo api = echo(get(server, "/api/me", "Authorization", bearer(staffToken()),
                "Cookie", "pt=" + partnerToken()));
        HttpResponse<String> app = get(server, "/dashboard", "Authorization", bearer(staffToken()));
        HttpResponse<String> partnerToApp = get(server, "/dashboard", "Authorization", bearer(partnerToken()));
        HttpResponse<String> keyToApi = get(server, "/api/me", "X-API-Key", API_KEY);

        assertEquals(List.of("alice"), api.header("X-User-Id"));
        assertEquals(List.of(), api.header("Cookie"), "the partner cookie is stripped on every route");
        assertEquals(200, app.statusCode(), app.body());
        assertTrue(app.body().contains("user=alice"), app.body());
        assertTrue(assertProblem(partnerToApp, 401, ProblemTypes.UNAUTHORIZED)
                .startsWith("Bearer error=\"invalid_token\""));
        assertEquals("Bearer", assertProblem(keyToApi, 401, ProblemTypes.UNAUTHORIZED));
    }
}
