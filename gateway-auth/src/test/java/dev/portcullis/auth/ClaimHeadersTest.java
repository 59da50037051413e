package dev.portcullis.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.HttpHeaders;
import dev.portcullis.api.Interceptor;
import dev.portcullis.api.ProblemTypes;
import dev.portcullis.api.auth.CredentialRelay;
import dev.portcullis.api.auth.GatewayPrincipal;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClaimHeadersTest {
    final Interceptor routing = Routing.interceptor(RouteTable.of(
            Route.builder("relay").path("/relay/**").upstream("http://127.0.0.1:9")
                    .metadata(CredentialRelay.KEY, CredentialRelay.RELAY).build(),
            Route.builder("plain").path("/plain/**").upstream("http://127.0.0.1:9").build()));
    final ClaimHeaders claimHeaders = ClaimHeaders.builder().claim("sub", "X-User-Id")
            .claim("org.groups", "X-Groups").scopesHeader("X-User-Scopes").build();

    static Interceptor as(Map<String, Object> claims) {
        GatewayPrincipal principal = GatewayPrincipal.builder("alice", "jwt").scopes(Set.of("b", "a")).claims(claims).build();
        return chain -> chain.proceed(chain.request().withAttribute(GatewayPrincipal.ATTRIBUTE, principal));
    }

    GatewayResponse call(String path, Interceptor principal) {
        GatewayRequest request = Exchanges.request(path).headers(HttpHeaders.builder()
                .add("Authorization", "Bearer abc").add("X-User-Id", "root").add("x-groups", "wheel").build()).build();
        return Exchanges.run(request, routing, principal, claimHeaders);
    }

    @Test
    void claimsBecomeHeadersAndClientCopiesAreStripped() {
        GatewayResponse response = call("/plain/x", as(Map.of("sub", "alice", "org", Map.of("groups", List.of("g1", "g2")))));
        assertEquals(List.of("alice"), response.headers().all("Echo-X-User-Id"));
        assertEquals(List.of("g1,g2"), response.headers().all("Echo-X-Groups"));
        assertEquals(List.of("a b"), response.headers().all("Echo-X-User-Scopes"));
    }

    @Test
    void anonymousRequestLosesSpoofedHeaders() {
        GatewayResponse response = call("/plain/x", chain -> chain.proceed(chain.request()));
        assertTrue(response.headers().all("Echo-X-User-Id").isEmpty());
        assertTrue(response.headers().all("Echo-x-groups").isEmpty());
    }

    @Test
    void authorizationIsStrippedUnlessTheRouteRelaysIt() {
        Interceptor alice = as(Map.of("sub", "alice"));
        assertTrue(call("/plain/x", alice).headers().all("Echo-Authorization").isEmpty());
        assertEquals(List.of("Bearer abc"), call("/relay/x", alice).headers().all("Echo-Authorization"));
    }

    @Test
    void claimWithLineBreakIsNeverForwarded() {
        GatewayResponse response = call("/plain/x", as(Map.of("sub", "alice\r\nX-Admin: true")));
        assertEquals(400, response.status());
        assertEquals(ProblemTypes.BAD_REQUEST, response.problem().orElseThrow().type());
    }
}
