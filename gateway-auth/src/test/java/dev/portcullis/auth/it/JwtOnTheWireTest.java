package dev.portcullis.auth.it;

import static dev.portcullis.auth.it.Wire.assertProblem;
import static dev.portcullis.auth.it.Wire.bearer;
import static dev.portcullis.auth.it.Wire.echo;
import static dev.portcullis.auth.it.Wire.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.PlainJWT;
import dev.portcullis.api.ProblemTypes;
import dev.portcullis.auth.Tokens;
import dev.portcullis.servlet.it.ServletContainer;
import java.net.http.HttpResponse;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * JWT bearer tokens through the real filter in each container, against a real JWKS endpoint and a real upstream:
 * what reaches the upstream, and what a client is told when its token is missing, bad or short of scope. One
 * gateway per container is shared by every test here; all tokens come from the {@code main} issuer.
 */
class JwtOnTheWireTest extends GatewayPerContainer {
    private static final RSAKey FORGER = Tokens.rsa(AuthGateway.MAIN_KEY.getKeyID());

    @ParameterizedTest
    @MethodSource(AuthGateway.CONTAINERS)
    void validTokenReachesTheUpstreamWithClaimHeadersInsteadOfTheClientsForgedCopies(ServletContainer container)
            throws Exception {
        AuthGateway gateway = gateway(container);
        String token = Tokens.rs256(AuthGateway.MAIN_KEY, gateway.claims("main").claim("tenant", "acme").build());

        Wire.Echo upstream = echo(get(gateway.server, "/api/orders/7", "Authorization", bearer(token),
                "X-User-Id", "mallory", "x-user-roles", "superuser", "X-Tenant", "evil", "X-User-Scopes", "*"));

        assertEquals("/api/orders/7", upstream.target());
        assertEquals(List.of("alice"), upstream.header("X-User-Id"));
        assertEquals(List.of("acme"), upstream.header("X-Tenant"));
        assertEquals(List.of("orders:read profile"), upstream.header("X-User-Scopes"));
        assertEquals(List.of("admin,user"), upstream.header("X-User-Roles"));
        assertEquals(List.of(), upstream.header("Authorization"), "stripped by default");
    }

    @ParameterizedTest
    @MethodSource(AuthGateway.CONTAINERS)
    void clientIdentityHeadersInEverySpellingNeverReachTheUpstreamOnlyTheGatewaySetOnesDo(ServletContainer container)
            throws Exception {
        AuthGateway gateway = gateway(container);

        Wire.Echo upstream = echo(get(gateway.server, "/api/me", "Authorization", bearer(gateway.token()),
                "X-User-Roles", "admin", "X_User_Sub", "root", "X-USER-SUB", "root", "x_user_roles", "superuser",
                "X_USER_ID", "mallory", "X-User-Department", "finance"));

        assertEquals(List.of("admin,user"), upstream.header("X-User-Roles"));
        assertEquals(List.of("alice"), upstream.header("X-User-Id"));
        for (String forged : List.of("X_User_Sub", "X-User-Sub", "x_user_roles", "X_USER_ID", "X-User-Department")) {
            assertEquals(List.of(), upstream.header(forged), forged);
        }
    }

    @ParameterizedTest
    @MethodSource(AuthGateway.CONTAINERS)
    void authorizationHeaderIsRelayedOnlyOnRoutesThatSayRelay(ServletContainer container) throws Exception {
        AuthGateway gateway = gateway(container);
        String token = gateway.token();

        Wire.Echo relayed = echo(get(gateway.server, "/relay/x", "Authorization", bearer(token)));
        Wire.Echo stripped = echo(get(gateway.server, "/api/x", "Authorization", bearer(token)));

        assertEquals(List.of(bearer(token)), relayed.header("Authorization"));
        assertEquals(List.of("alice"), relayed.header("X-User-Id"));
        assertEquals(List.of(), stripped.header("Authorization"));
    }

    @ParameterizedTest
    @MethodSource(AuthGateway.CONTAINERS)
    void requestWithoutATokenGetsA401ProblemWithABareBearerChallengeAndNeverReachesTheUpstream(
            ServletContainer container) throws Exception {
        AuthGateway gateway = gateway(container);
        int before = gateway.upstreamCalls();

        HttpResponse<String> response = get(gateway.server, "/api/x");

        assertEquals("Bearer", assertProblem(response, 401, ProblemTypes.UNAUTHORIZED));
        assertEquals(before, gateway.upstreamCalls());
    }

    @ParameterizedTest
    @MethodSource(AuthGateway.CONTAINERS)
    void expiredForgedUnsignedAndUntrustedTokensGet401InvalidToken(ServletContainer container) throws Exception {
        AuthGateway gateway = gateway(container);
        int before = gateway.upstreamCalls();
        Date hourAgo = Date.from(gateway.clock.instant().minusSeconds(3600));
        Date tenMinutesAgo = Date.from(gateway.clock.instant().minusSeconds(600));
        Map<String, String> tokens = Map.of(
                "expired", Tokens.rs256(AuthGateway.MAIN_KEY,
                        gateway.claims("main").issueTime(hourAgo).expirationTime(tenMinutesAgo).build()),
                "forged", Tokens.rs256(FORGER, gateway.claims("main").build()),
                "alg none", new PlainJWT(gateway.claims("main").build()).serialize(),
                "untrusted issuer", Tokens.rs256(AuthGateway.MAIN_KEY,
                        gateway.claims("main").issuer("https://evil.test/").build()),
                "wrong audience", Tokens.rs256(AuthGateway.MAIN_KEY,
                        gateway.claims("main").audience("other-api").build()),
                "not a JWT", "bm90LWEtand0");

        for (Map.Entry<String, String> token : tokens.entrySet()) {
            HttpResponse<String> response = get(gateway.server, "/api/x", "Authorization", bearer(token.getValue()));

            String challenge = assertProblem(response, 401, ProblemTypes.UNAUTHORIZED);
            assertTrue(challenge.startsWith("Bearer error=\"invalid_token\", error_description=\""),
                    token.getKey() + ": " + challenge);
        }
        assertEquals(before, gateway.upstreamCalls());
    }

    @ParameterizedTest
    @MethodSource(AuthGateway.CONTAINERS)
    void validTokenWithoutTheRoutesScopeGets403InsufficientScopeNamingTheScope(ServletContainer container)
            throws Exception {
        AuthGateway gateway = gateway(container);
        int before = gateway.upstreamCalls();
        String writer = Tokens.rs256(AuthGateway.MAIN_KEY,
                gateway.claims("main").claim("scope", "orders:read orders:write").build());

        HttpResponse<String> refused = get(gateway.server, "/orders/7", "Authorization", bearer(gateway.token()));
        HttpResponse<String> allowed = get(gateway.server, "/orders/7", "Authorization", bearer(writer));

        String challenge = assertProblem(refused, 403, ProblemTypes.FORBIDDEN);
        assertTrue(challenge.startsWith("Bearer error=\"insufficient_scope\", scope=\"orders:write\""), challenge);
        assertEquals(List.of("orders:read orders:write"), echo(allowed).header("X-User-Scopes"));
        assertEquals(before + 1, gateway.upstreamCalls());
    }

    @ParameterizedTest
    @MethodSource(AuthGateway.CONTAINERS)
    void anonymousRoutePassesWithoutATokenAndStillDropsForgedIdentityHeaders(ServletContainer container)
            throws Exception {
        AuthGateway gateway = gateway(container);

        Wire.Echo upstream = echo(get(gateway.server, "/public/status", "X-User-Id", "admin",
                "X-User-Roles", "admin"));

        assertEquals("/public/status", upstream.target());
        assertEquals(List.of(), upstream.header("X-User-Id"));
        assertEquals(List.of(), upstream.header("X-User-Roles"));
    }

    @ParameterizedTest
    @MethodSource(AuthGateway.CONTAINERS)
    void aTokenInTheHeaderAndInTheQueryIsA400InvalidRequestEvenWhenItIsTheSameToken(ServletContainer container)
            throws Exception {
        AuthGateway gateway = gateway(container);
        String token = gateway.token();
        int before = gateway.upstreamCalls();

        HttpResponse<String> same = get(gateway.server, "/api/x?access_token=" + token, "Authorization", bearer(token));
        HttpResponse<String> cookieToo = get(gateway.server, "/api/x", "Authorization", bearer(token),
                "Cookie", "at=" + token);

        for (HttpResponse<String> response : List.of(same, cookieToo)) {
            String challenge = assertProblem(response, 400, ProblemTypes.BAD_REQUEST);
            assertTrue(challenge.startsWith("Bearer error=\"invalid_request\""), challenge);
            assertFalse(response.body().contains(token));
        }
        assertEquals(before, gateway.upstreamCalls());
    }

    @ParameterizedTest
    @MethodSource(AuthGateway.CONTAINERS)
    void anAcceptedTokenCookieIsRemovedAndTheOtherCookiesReachTheUpstream(ServletContainer container)
            throws Exception {
        AuthGateway gateway = gateway(container);
        String token = gateway.token();

        Wire.Echo upstream = echo(get(gateway.server, "/api/x", "Cookie", "theme=dark; at=" + token + "; lang=fr"));

        assertEquals(List.of("alice"), upstream.header("X-User-Id"));
        assertEquals(List.of("theme=dark; lang=fr"), upstream.header("Cookie"));
        assertFalse(upstream.body().contains(token));
    }

    @ParameterizedTest
    @MethodSource(AuthGateway.CONTAINERS)
    void tokenInTheQueryIsRemovedFromTheUpstreamUrlAndTheOtherParametersKeepTheirBytes(ServletContainer container)
            throws Exception {
        AuthGateway gateway = gateway(container);
        String token = gateway.token();

        Wire.Echo middle = echo(get(gateway.server,
                "/api/search?q=a%20b+c&access_token=" + token + "&tag=%C3%A9t%C3%A9&empty=&flag&x=%2F%3F%26&q=2"));
        Wire.Echo alone = echo(get(gateway.server, "/api/only?access_token=" + token));
        Wire.Echo first = echo(get(gateway.server, "/api/first?access_token=" + token + "&access_tokens=keep"));

        assertEquals("/api/search?q=a%20b+c&tag=%C3%A9t%C3%A9&empty=&flag&x=%2F%3F%26&q=2", middle.target());
        assertEquals(List.of("alice"), middle.header("X-User-Id"));
        assertEquals("/api/only", alone.target());
        assertEquals("/api/first?access_tokens=keep", first.target());
        assertFalse((middle.body() + alone.body() + first.body()).contains(token), "the token reached the upstream");
    }

    @ParameterizedTest
    @MethodSource(AuthGateway.CONTAINERS)
    void claimValueWithCrOrLfNeverReachesTheUpstreamAsAHeader(ServletContainer container) throws Exception {
        AuthGateway gateway = gateway(container);
        int before = gateway.upstreamCalls();
        List<String> tokens = List.of(
                Tokens.rs256(AuthGateway.MAIN_KEY,
                        gateway.claims("main").claim("tenant", "acme\r\nX-Injected: yes").build()),
                Tokens.rs256(AuthGateway.MAIN_KEY, gateway.claims("main").subject("alice\nX-Injected: yes").build()),
                Tokens.rs256(AuthGateway.MAIN_KEY, gateway.claims("main").claim("tenant", "acme\rX").build()));

        for (String token : tokens) {
            HttpResponse<String> response = get(gateway.server, "/api/x", "Authorization", bearer(token));

            assertProblem(response, 400, ProblemTypes.BAD_REQUEST);
            assertFalse(response.headers().map().containsKey("x-injected"));
        }
        assertEquals(before, gateway.upstreamCalls());
    }
}
