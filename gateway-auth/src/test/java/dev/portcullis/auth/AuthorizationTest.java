package dev.portcullis.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.HttpHeaders;
import dev.portcullis.api.Interceptor;
import dev.portcullis.api.ProblemTypes;
import dev.portcullis.api.auth.AccessPolicy;
import dev.portcullis.api.auth.Authentication;
import dev.portcullis.api.auth.Authorization;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.auth.apikey.ApiKeyAuthenticator;
import dev.portcullis.auth.apikey.ApiKeys;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuthorizationTest {
    static final String KEY = "reader-key-0123456789";

    final Interceptor routing = Routing.interceptor(RouteTable.of(
            Route.builder("public").path("/public/**").upstream("http://127.0.0.1:9")
                    .metadata(AccessPolicy.KEY, AccessPolicy.anonymous()).build(),
            Route.builder("orders").path("/orders/**").upstream("http://127.0.0.1:9")
                    .metadata(AccessPolicy.KEY, AccessPolicy.scopesAnyOf("orders:read", "orders:admin")).build(),
            Route.builder("admin").path("/admin/**").upstream("http://127.0.0.1:9")
                    .metadata(AccessPolicy.KEY, AccessPolicy.rolesAllOf("admin")).build(),
            Route.builder("tenant").path("/tenant/**").upstream("http://127.0.0.1:9")
                    .metadata(AccessPolicy.KEY, AccessPolicy.claim("the acme tenant",
                            p -> p.name().equals("reader"))).build()));
    final Interceptor authentication = Authentication.interceptor(ApiKeyAuthenticator.builder(ApiKeys.builder()
            .key(ApiKeys.sha256Hex(KEY), "reader", Set.of("orders:read"), Set.of("user")).build()).build());

    GatewayResponse call(String method, String path, HttpHeaders headers, Authorization authorization) {
        GatewayRequest request = Exchanges.request(path).method(method).headers(headers).build();
        return Exchanges.run(request, routing, authentication, authorization);
    }

    GatewayResponse call(String path, boolean withKey) {
        HttpHeaders headers = withKey ? HttpHeaders.builder().add("X-API-Key", KEY).build() : HttpHeaders.empty();
        return call("GET", path, headers, Authorization.builder().build());
    }

    @Test
    void anonymousRoutePassesWithoutCredentials() {
        assertEquals(200, call("/public/x", false).status());
    }

    @Test
    void protectedRouteWithoutCredentialsIsA401WithABearerChallenge() {
        GatewayResponse response = call("/orders/1", false);
        assertEquals(401, response.status());
        assertEquals(ProblemTypes.UNAUTHORIZED, response.problem().orElseThrow().type());
        assertEquals("Bearer", response.headers().first("WWW-Authenticate").orElseThrow());
    }

    @Test
    void anyOfScopesIsSatisfiedByOneScope() {
        assertEquals(200, call("/orders/1", true).status());
    }

    @Test
    void missingRoleIsA403InsufficientScope() {
        GatewayResponse response = call("/admin/x", true);
        assertEquals(403, response.status());
        assertEquals(ProblemTypes.FORBIDDEN, response.problem().orElseThrow().type());
        assertEquals("Bearer error=\"insufficient_scope\", error_description=\"This resource requires all of the roles "
                + "[admin].\"", response.headers().first("WWW-Authenticate").orElseThrow());
    }

    @Test
    void scopeChallengeNamesTheRequiredScopes() {
        Authorization writers = Authorization.builder().defaultPolicy(AccessPolicy.scopesAllOf("orders:write")).build();
        GatewayResponse response = call("GET", "/app", HttpHeaders.builder().add("X-API-Key", KEY).build(), writers);
        assertEquals(403, response.status());
        assertEquals("Bearer error=\"insufficient_scope\", scope=\"orders:write\", error_description=\"This resource "
                + "requires all of the scopes [orders:write].\"", response.headers().first("WWW-Authenticate").orElseThrow());
    }

    @Test
    void claimPredicateDecides() {
        assertEquals(200, call("/tenant/a", true).status());
    }

    @Test
    void requestWithoutRouteUsesTheDefaultPolicy() {
        assertEquals(401, call("/app/page", false).status());
        Authorization open = Authorization.builder().defaultPolicy(AccessPolicy.anonymous()).build();
        assertEquals(200, call("GET", "/app/page", HttpHeaders.empty(), open).status());
    }

    @Test
    void corsPreflightPassesOnlyWhenAllowed() {
        HttpHeaders preflight = HttpHeaders.builder().add("Origin", "https://shop.test")
                .add("Access-Control-Request-Method", "POST").build();
        assertEquals(401, call("OPTIONS", "/orders/1", preflight, Authorization.builder().build()).status());
        assertEquals(200, call("OPTIONS", "/orders/1", preflight,
                Authorization.builder().allowCorsPreflight(true).build()).status());
        assertEquals(401, call("OPTIONS", "/orders/1", HttpHeaders.builder().add("Origin", "https://shop.test").build(),
                Authorization.builder().allowCorsPreflight(true).build()).status());
    }
}
