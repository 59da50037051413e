package dev.portcullis.auth.it;

import static dev.portcullis.auth.it.Wire.assertProblem;
import static dev.portcullis.auth.it.Wire.bearer;
import static dev.portcullis.auth.it.Wire.echo;
import static dev.portcullis.auth.it.Wire.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.ProblemTypes;
import dev.portcullis.auth.Tokens;
import dev.portcullis.servlet.it.ServletContainer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The identity provider's JWKS endpoint misbehaving or rotating keys while the gateway runs, in each container.
 * Each test uses its own issuer, so its JWKS state is its own; the gateway's fake clock stands in for waiting.
 */
class IdentityProviderTest extends GatewayPerContainer {

    @ParameterizedTest
    @MethodSource(AuthGateway.CONTAINERS)
    void stoppedJwksEndpointGets503ProblemsWithRetryAfterNever500(ServletContainer container) throws Exception {
        AuthGateway gateway = gateway(container);
        gateway.outageJwks.close();
        int before = gateway.upstreamCalls();
        String token = Tokens.rs256(AuthGateway.MAIN_KEY, gateway.claims("outage").build());

        HttpResponse<String> first = get(gateway.server, "/api/x", "Authorization", bearer(token));
        HttpResponse<String> again = get(gateway.server, "/api/x", "Authorization", bearer(token));

        for (HttpResponse<String> response : List.of(first, again)) {
            assertProblem(response, 503, ProblemTypes.SERVICE_UNAVAILABLE);
            long retryAfter = Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(retryAfter > 0 && retryAfter <= AuthGateway.MIN_REFETCH.toSeconds(), "Retry-After " + retryAfter);
            assertTrue(!response.body().contains("127.0.0.1"), "no identity provider address: " + response.body());
        }
        assertEquals(before, gateway.upstreamCalls());
    }

    @ParameterizedTest
    @MethodSource(AuthGateway.CONTAINERS)
    void keysFetchedBeforeKeepWorkingPastTheirExpiryWhileTheJwksEndpointFails(ServletContainer container)
            throws Exception {
        AuthGateway gateway = gateway(container);
        echo(get(gateway.server, "/api/x", "Authorization",
                bearer(Tokens.rs256(AuthGateway.MAIN_KEY, gateway.claims("held").build()))));
        gateway.jwks.withdraw("held");
        gateway.clock.advance(Duration.ofMinutes(6));
        int fetches = gateway.jwks.fetches("held");

        Wire.Echo upstream = echo(get(gateway.server, "/api/y", "Authorization",
                bearer(Tokens.rs256(AuthGateway.MAIN_KEY, gateway.claims("held").build()))));

        assertEquals(List.of("alice"), upstream.header("X-User-Id"));
        assertEquals(fetches + 1, gateway.jwks.fetches("held"), "one refetch was tried");
    }

    @ParameterizedTest
    @MethodSource(AuthGateway.CONTAINERS)
    void keyRotatedAtTheJwksEndpointIsAcceptedOnTheFirstRequestThatUsesItAndTheRemovedKeyIsNot(
            ServletContainer container) throws Exception {
        AuthGateway gateway = gateway(container);
        String old = Tokens.rs256(AuthGateway.MAIN_KEY, gateway.claims("rotating").build());
        echo(get(gateway.server, "/api/x", "Authorization", bearer(old)));
        int fetches = gateway.jwks.fetches("rotating");
        gateway.jwks.publish("rotating", AuthGateway.NEXT_KEY);

        HttpResponse<String> rotated = get(gateway.server, "/api/x", "Authorization",
                bearer(Tokens.rs256(AuthGateway.NEXT_KEY, gateway.claims("rotating").build())));
        HttpResponse<String> retired = get(gateway.server, "/api/x", "Authorization",
                bearer(Tokens.rs256(AuthGateway.MAIN_KEY, gateway.claims("rotating").jwtID("never-seen").build())));

        assertEquals(List.of("alice"), echo(rotated).header("X-User-Id"),
                "the initial fetch does not count against the on-demand refetch interval");
        assertTrue(assertProblem(retired, 401, ProblemTypes.UNAUTHORIZED).contains("error=\"invalid_token\""),
                "a fresh token of the removed key");
        assertEquals(fetches + 1, gateway.jwks.fetches("rotating"));
    }

    @ParameterizedTest
    @MethodSource(AuthGateway.CONTAINERS)
    void aCachedTokenOfAKeyTheJwksEndpointDroppedGets401InvalidTokenOnceTheGatewayRefreshed(
            ServletContainer container) throws Exception {
        AuthGateway gateway = gateway(container);
        String old = Tokens.rs256(AuthGateway.MAIN_KEY, gateway.claims("removing").build());
        Wire.Echo accepted = echo(get(gateway.server, "/api/x", "Authorization", bearer(old)));
        Wire.Echo cached = echo(get(gateway.server, "/api/x", "Authorization", bearer(old)));
        int fetches = gateway.jwks.fetches("removing");
        gateway.jwks.publish("removing", AuthGateway.NEXT_KEY);
        echo(get(gateway.server, "/api/x", "Authorization",
                bearer(Tokens.rs256(AuthGateway.NEXT_KEY, gateway.claims("removing").build()))));

        HttpResponse<String> removed = get(gateway.server, "/api/x", "Authorization", bearer(old));

        assertEquals(List.of("alice"), accepted.header("X-User-Id"));
        assertEquals(List.of("alice"), cached.header("X-User-Id"));
        assertEquals(fetches + 1, gateway.jwks.fetches("removing"), "the new key's token made the gateway refresh");
        assertTrue(assertProblem(removed, 401, ProblemTypes.UNAUTHORIZED).contains("error=\"invalid_token\""),
                "the cached token of the removed key");
    }
}
