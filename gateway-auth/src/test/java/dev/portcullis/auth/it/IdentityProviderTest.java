package dev.portcullis.auth.it;

import static dev.portcullis.test.ProblemAssert.assertThatProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portcullis.api.Pipeline;
import dev.portcullis.api.ProblemTypes;
import dev.portcullis.api.auth.AccessPolicy;
import dev.portcullis.api.auth.Authentication;
import dev.portcullis.api.auth.Authorization;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.auth.ClaimHeaders;
import dev.portcullis.auth.jwt.JwtAuthenticator;
import dev.portcullis.auth.jwt.JwtIssuer;
import dev.portcullis.test.Answer;
import dev.portcullis.test.Container;
import dev.portcullis.test.GatewayExtension;
import dev.portcullis.test.RecordedRequest;
import dev.portcullis.test.RecordingUpstream;
import dev.portcullis.test.RunningGateway;
import dev.portcullis.test.TestClock;
import dev.portcullis.test.jwt.JwksServer;
import dev.portcullis.test.jwt.Jwt;
import dev.portcullis.test.jwt.SigningKey;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The identity provider's JWKS endpoint misbehaving or rotating keys while the gateway runs, in each container,
 * built with the test kit: every test gets its own gateway, JWKS endpoint, upstream and fake clock (the extensions
 * live in instance fields), so no JWKS state leaks from one test to another; the clock stands in for waiting.
 */
class IdentityProviderTest {
    private static final String ISSUER = "https://idp.test/main";
    private static final Duration MIN_REFETCH = Duration.ofSeconds(30);
    private static final SigningKey MAIN_KEY = SigningKey.rs256("main-1");
    private static final SigningKey NEXT_KEY = SigningKey.rs256("main-2");

    private final TestClock clock = TestClock.at(Instant.parse("2030-01-01T00:00:00Z"));

    @RegisterExtension
    final JwksServer jwks = JwksServer.publishing(MAIN_KEY);

    @RegisterExtension
    final RecordingUpstream upstream = RecordingUpstream.create();

    @RegisterExtension
    final GatewayExtension gateway = GatewayExtension.of(() -> Pipeline.builder()
            .add(Routing.interceptor(RouteTable.of(
                    Route.builder("api").path("/api/**").upstream(upstream.baseUri()).build())))
            .add(Authentication.interceptor(JwtAuthenticator.builder().clock(clock)
                    .issuer(JwtIssuer.builder(ISSUER).jwksUri(jwks.uri()).audiences("shop-api")
                            .jwksTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2))
                            .jwksMinRefetchInterval(MIN_REFETCH).build())
                    .build()))
            .add(Authorization.builder().defaultPolicy(AccessPolicy.authenticated()).build())
            .add(ClaimHeaders.builder().claim("sub", "X-User-Id").build())
            .build());

    /** @return a good token of the issuer at the clock's time, signed with {@code key} (five minutes to live) */
    private String bearer(SigningKey key, Jwt.Builder claims) {
        return "Bearer " + claims.issuer(ISSUER).subject("alice").audience("shop-api").signWith(key);
    }

    private String bearer(SigningKey key) {
        return bearer(key, Jwt.builder(clock));
    }

    /** @return the X-User-Id values the upstream received for this response, once it is the upstream's 200 */
    private List<String> userSeenUpstream(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        List<RecordedRequest> received = upstream.requests();
        return received.get(received.size() - 1).headers().all("X-User-Id");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void stoppedJwksEndpointGets503ProblemsWithRetryAfterNever500(Container container) throws Exception {
        RunningGateway running = gateway.in(container);
        jwks.close();

        HttpResponse<String> first = running.get("/api/x", "Authorization", bearer(MAIN_KEY));
        HttpResponse<String> again = running.get("/api/x", "Authorization", bearer(MAIN_KEY));

        for (HttpResponse<String> response : List.of(first, again)) {
            assertThatProblem(response).hasStatus(503).hasType(ProblemTypes.SERVICE_UNAVAILABLE).hasRequestId()
                    .hasHeaderMatching("Retry-After", "[1-9]|[12][0-9]|30")    // within the refetch interval
                    .doesNotContain("127.0.0.1");
        }
        assertEquals(0, upstream.requestCount());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void keysFetchedBeforeKeepWorkingPastTheirExpiryWhileTheJwksEndpointFails(Container container) throws Exception {
        RunningGateway running = gateway.in(container);
        assertEquals(List.of("alice"), userSeenUpstream(running.get("/api/x", "Authorization", bearer(MAIN_KEY))));
        jwks.failWith(Answer.of(404));
        clock.advance(Duration.ofMinutes(6));
        int fetches = jwks.fetchCount();

        HttpResponse<String> response = running.get("/api/y", "Authorization", bearer(MAIN_KEY));

        assertEquals(List.of("alice"), userSeenUpstream(response));
        assertEquals(fetches + 1, jwks.fetchCount(), "one refetch was tried");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void keyRotatedAtTheJwksEndpointIsAcceptedOnTheFirstRequestThatUsesItAndTheRemovedKeyIsNot(Container container)
            throws Exception {
        RunningGateway running = gateway.in(container);
        userSeenUpstream(running.get("/api/x", "Authorization", bearer(MAIN_KEY)));
        int fetches = jwks.fetchCount();
        jwks.publish(NEXT_KEY);

        HttpResponse<String> rotated = running.get("/api/x", "Authorization", bearer(NEXT_KEY));
        HttpResponse<String> retired = running.get("/api/x", "Authorization",
                bearer(MAIN_KEY, Jwt.builder(clock).id("never-seen")));

        assertEquals(List.of("alice"), userSeenUpstream(rotated),
                "the initial fetch does not count against the on-demand refetch interval");
        assertThatProblem(retired).hasStatus(401).hasType(ProblemTypes.UNAUTHORIZED)
                .hasHeaderMatching("WWW-Authenticate", ".*error=\"invalid_token\".*");
        assertEquals(fetches + 1, jwks.fetchCount());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void aCachedTokenOfAKeyTheJwksEndpointDroppedGets401InvalidTokenOnceTheGatewayRefreshed(Container container)
            throws Exception {
        RunningGateway running = gateway.in(container);
        String old = bearer(MAIN_KEY);
        List<String> accepted = userSeenUpstream(running.get("/api/x", "Authorization", old));
        List<String> cached = userSeenUpstream(running.get("/api/x", "Authorization", old));
        int fetches = jwks.fetchCount();
        jwks.publish(NEXT_KEY);
        userSeenUpstream(running.get("/api/x", "Authorization", bearer(NEXT_KEY)));

        HttpResponse<String> removed = running.get("/api/x", "Authorization", old);

        assertEquals(List.of("alice"), accepted);
        assertEquals(List.of("alice"), cached);
        assertEquals(fetches + 1, jwks.fetchCount(), "the new key's token made the gateway refresh");
        assertThatProblem(removed).hasStatus(401).hasType(ProblemTypes.UNAUTHORIZED)
                .hasHeaderMatching("WWW-Authenticate", ".*error=\"invalid_token\".*");
    }
}
