package dev.portcullis.auth.it;

import static dev.portcullis.auth.it.Wire.assertProblem;
import static dev.portcullis.auth.it.Wire.bearer;
import static dev.portcullis.auth.it.Wire.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.ProblemTypes;
import dev.portcullis.auth.Tokens;
import dev.portcullis.servlet.it.Http;
import dev.portcullis.servlet.it.ServletContainer;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The servlet application behind the filter sees the gateway's principal: {@code getUserPrincipal()},
 * {@code getRemoteUser()} and {@code isUserInRole()} (roles from the {@code realm_access.roles} claim path), both
 * when the filter answers at once and when it had to go async to fetch keys first.
 */
class ApplicationPrincipalTest extends GatewayPerContainer {
    private static final String ALICE = "user=alice\nremote=alice\nrole admin=true\nrole user=true\n"
            + "role auditor=false\nrole superuser=false\n";

    @ParameterizedTest
    @MethodSource(AuthGateway.CONTAINERS)
    void applicationSeesTheSubjectAndRolesWhenTheFilterWentAsyncToFetchKeys(ServletContainer container)
            throws Exception {
        AuthGateway gateway = gateway(container);
        String token = Tokens.rs256(AuthGateway.MAIN_KEY, gateway.claims("held").build());
        JwksEndpoint.Gate gate = gateway.jwks.holdNext("held");

        CompletableFuture<HttpResponse<String>> pending = Http.client().sendAsync(
                Wire.request(gateway.server, "GET", "/app/me", "Authorization", bearer(token)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(gate.awaitArrival(), "the gateway fetches the keys while the request waits");
        gate.release();
        HttpResponse<String> response = pending.get(20, TimeUnit.SECONDS);

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("app /app/me\n" + ALICE, response.body());
    }

    @ParameterizedTest
    @MethodSource(AuthGateway.CONTAINERS)
    void applicationSeesTheSubjectAndRolesWhenTheFilterAnsweredAtOnce(ServletContainer container) throws Exception {
        AuthGateway gateway = gateway(container);
        String token = gateway.token();
        get(gateway.server, "/app/warm-up", "Authorization", bearer(token));

        HttpResponse<String> response = get(gateway.server, "/app/me", "Authorization", bearer(token));

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("app /app/me\n" + ALICE, response.body());
    }

    @ParameterizedTest
    @MethodSource(AuthGateway.CONTAINERS)
    void applicationSeesAnApiKeysPrincipalAndItsRoles(ServletContainer container) throws Exception {
        AuthGateway gateway = gateway(container);

        HttpResponse<String> response = get(gateway.server, "/app/me", "X-API-Key", AuthGateway.API_KEY);

        assertEquals("app /app/me\nuser=reporting\nremote=reporting\nrole admin=false\nrole user=false\n"
                + "role auditor=true\nrole superuser=false\n", response.body());
    }

    @ParameterizedTest
    @MethodSource(AuthGateway.CONTAINERS)
    void applicationRequestWithoutCredentialsIsRefusedUnderTheDefaultPolicy(ServletContainer container)
            throws Exception {
        HttpResponse<String> response = get(gateway(container).server, "/app/me");

        assertEquals("Bearer", assertProblem(response, 401, ProblemTypes.UNAUTHORIZED));
    }
}
