package dev.portcullis.auth.it;

import static dev.portcullis.auth.it.Wire.assertProblem;
import static dev.portcullis.auth.it.Wire.echo;
import static dev.portcullis.auth.it.Wire.get;
import static dev.portcullis.auth.it.Wire.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.ProblemTypes;
import dev.portcullis.servlet.it.ServletContainer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * API keys as the second authenticator after JWT, and CORS preflights on protected routes with the CORS stage
 * before authentication, through the real filter in each container.
 */
class ApiKeyAndCorsTest extends GatewayPerContainer {

    @ParameterizedTest
    @MethodSource(AuthGateway.CONTAINERS)
    void validApiKeyReachesTheUpstreamWithItsPrincipalAndWithoutTheKey(ServletContainer container) throws Exception {
        AuthGateway gateway = gateway(container);

        Wire.Echo upstream = echo(get(gateway.server, "/api/reports", "X-API-Key", AuthGateway.API_KEY,
                "X-User-Roles", "admin"));

        assertEquals(List.of("reports:read"), upstream.header("X-User-Scopes"));
        assertEquals(List.of("auditor"), upstream.header("X-User-Roles"));
        assertEquals(List.of(), upstream.header("X-API-Key"), "the key stays at the gateway");
    }

    @ParameterizedTest
    @MethodSource(AuthGateway.CONTAINERS)
    void wrongApiKeyGets401InvalidTokenAndNeverReachesTheUpstream(ServletContainer container) throws Exception {
        AuthGateway gateway = gateway(container);
        int before = gateway.upstreamCalls();

        HttpResponse<String> wrong = get(gateway.server, "/api/reports", "X-API-Key", "rk_live_guess");
        HttpResponse<String> two = get(gateway.server, "/api/reports", "X-API-Key", AuthGateway.API_KEY,
                "X-API-Key", "rk_live_guess");

        assertTrue(assertProblem(wrong, 401, ProblemTypes.UNAUTHORIZED).startsWith("Bearer error=\"invalid_token\""));
        assertTrue(assertProblem(two, 400, ProblemTypes.BAD_REQUEST).startsWith("Bearer error=\"invalid_request\""));
        assertEquals(before, gateway.upstreamCalls());
    }

    @ParameterizedTest
    @MethodSource(AuthGateway.CONTAINERS)
    void corsPreflightOnAProtectedRouteIsAnsweredByTheCorsStageWithoutCredentials(ServletContainer container)
            throws Exception {
        AuthGateway gateway = gateway(container);
        int before = gateway.upstreamCalls();

        HttpResponse<String> preflight = send(gateway.server, "OPTIONS", "/orders/7", "Origin", AuthGateway.ORIGIN,
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization");

        assertEquals(204, preflight.statusCode(), preflight.body());
        assertEquals(Optional.of(AuthGateway.ORIGIN), preflight.headers().firstValue("Access-Control-Allow-Origin"));
        assertTrue(preflight.headers().firstValue("Access-Control-Allow-Methods").orElseThrow().contains("POST"));
        assertEquals(Optional.of("authorization"), preflight.headers().firstValue("Access-Control-Allow-Headers"));
        assertEquals(Optional.empty(), preflight.headers().firstValue("WWW-Authenticate"));
        assertEquals(before, gateway.upstreamCalls());
    }

    @ParameterizedTest
    @MethodSource(AuthGateway.CONTAINERS)
    void corsDoesNotOpenTheDoorTheActualRequestStillNeedsCredentialsAndItsRefusalIsReadable(
            ServletContainer container) throws Exception {
        AuthGateway gateway = gateway(container);

        HttpResponse<String> refused = send(gateway.server, "POST", "/orders/7", "Origin", AuthGateway.ORIGIN);
        HttpResponse<String> foreign = send(gateway.server, "OPTIONS", "/orders/7", "Origin", "https://evil.example",
                "Access-Control-Request-Method", "POST");

        assertEquals("Bearer", assertProblem(refused, 401, ProblemTypes.UNAUTHORIZED));
        assertEquals(Optional.of(AuthGateway.ORIGIN), refused.headers().firstValue("Access-Control-Allow-Origin"),
                "the browser may show the 401 to the page");
        assertEquals(403, foreign.statusCode(), foreign.body());
        assertEquals(Optional.empty(), foreign.headers().firstValue("Access-Control-Allow-Origin"));
    }
}
