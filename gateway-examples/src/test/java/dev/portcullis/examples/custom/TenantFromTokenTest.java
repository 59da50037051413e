package dev.portcullis.examples.custom;

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
import dev.portcullis.test.GatewayExtension;
import dev.portcullis.test.RecordingUpstream;
import dev.portcullis.test.jwt.JwksServer;
import dev.portcullis.test.jwt.Jwt;
import dev.portcullis.test.jwt.SigningKey;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TenantFromTokenTest {
    static final SigningKey KEY = SigningKey.rs256("key-1");

    @RegisterExtension                     // the identity provider's key set, served on a free port
    static final JwksServer JWKS = JwksServer.publishing(KEY);

    @RegisterExtension
    static final RecordingUpstream UPSTREAM = RecordingUpstream.create();

    @RegisterExtension
    static final GatewayExtension GATEWAY = GatewayExtension.of(() -> Pipeline.builder()
            .add(Routing.interceptor(RouteTable.of(Route.builder("orders")
                    .path("/api/orders/**").upstream(UPSTREAM.baseUri()).build())))
            .add(Authentication.interceptor(JwtAuthenticator.builder()
                    .issuer(JwtIssuer.builder("https://idp.test").jwksUri(JWKS.uri()).audiences("shop-api").build())
                    .build()))
            .add(Authorization.builder().defaultPolicy(AccessPolicy.authenticated()).build())
            .add(ClaimHeaders.builder().claim("tenant", "X-Tenant").build())     // the token names the tenant
            .add(TenantInterceptor.builder().tenants("acme", "globex").build())
            .build());

    private static String bearer(String tenant) {
        return "Bearer " + Jwt.builder().issuer("https://idp.test").subject("alice").audience("shop-api")
                .claim("tenant", tenant).signWith(KEY);
    }

    @Test
    void theTenantOfTheTokenReachesTheUpstreamNotTheOneTheClientSent() throws Exception {
        HttpResponse<String> response = GATEWAY.get("/api/orders/7",
                "Authorization", bearer("acme"), "X-Tenant", "globex");

        assertEquals(200, response.statusCode());
        assertEquals(List.of("acme"),
                UPSTREAM.awaitRequests(1, Duration.ofSeconds(5)).get(0).headers().all("X-Tenant"));
    }

    @Test
    void aTokenOfAnUnknownTenantGetsA403Problem() throws Exception {
        assertThatProblem(GATEWAY.get("/api/orders/7", "Authorization", bearer("initech")))
                .hasStatus(403).hasType(TenantInterceptor.UNKNOWN_TENANT).hasRequestId();
        assertEquals(0, UPSTREAM.requestCount());
    }

    @Test
    void noTokenGetsA401ProblemWithABearerChallenge() throws Exception {
        assertThatProblem(GATEWAY.get("/api/orders/7"))
                .hasStatus(401).hasType(ProblemTypes.UNAUTHORIZED).hasHeader("WWW-Authenticate", "Bearer");
        assertEquals(0, UPSTREAM.requestCount());
    }
}
