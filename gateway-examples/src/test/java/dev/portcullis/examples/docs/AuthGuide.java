package dev.portcullis.examples.docs;

import dev.portcullis.api.Interceptor;
import dev.portcullis.api.Pipeline;
import dev.portcullis.api.auth.AccessPolicy;
import dev.portcullis.api.auth.Authentication;
import dev.portcullis.api.auth.Authenticators;
import dev.portcullis.api.auth.Authorization;
import dev.portcullis.api.auth.CredentialRelay;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.auth.ClaimHeaders;
import dev.portcullis.auth.ClaimsMapping;
import dev.portcullis.auth.apikey.ApiKeyAuthenticator;
import dev.portcullis.auth.apikey.ApiKeys;
import dev.portcullis.auth.introspection.IntrospectionAuthenticator;
import dev.portcullis.auth.jwt.JwtAuthenticator;
import dev.portcullis.auth.jwt.JwtIssuer;
import dev.portcullis.core.cors.Cors;
import dev.portcullis.core.cors.CorsPolicy;
import dev.portcullis.servlet.GatewayFilter;
import jakarta.servlet.ServletContext;
import java.net.URI;
import java.nio.file.Path;
import java.util.Set;

/** The fragments of docs/auth.md, compiled; {@code GuidesBuildTest} builds those that read no file. */
final class AuthGuide {
    private AuthGuide() {
    }

    static Pipeline stages(RouteTable routes, JwtAuthenticator jwt, ApiKeyAuthenticator apiKeys) {
        // tag::stages[]
        Pipeline pipeline = Pipeline.builder()
            .add(Routing.interceptor(routes))
            .add(Authentication.interceptor(jwt, apiKeys))           // who? (first non-abstaining authenticator wins)
            .add(Authorization.builder().defaultPolicy(AccessPolicy.authenticated()).build())   // allowed?
            .add(ClaimHeaders.builder().claim("sub", "X-User-Id").build())                     // tell the upstream
            .build();
        // end::stages[]
        return pipeline;
    }

    static JwtAuthenticator keycloak() {
        // tag::keycloak[]
        JwtAuthenticator jwt = JwtAuthenticator.builder()
            .issuer(JwtIssuer.builder("https://sso.example.com/realms/shop")
                .jwksUri(URI.create("https://sso.example.com/realms/shop/protocol/openid-connect/certs"))
                .algorithms("RS256")
                .audiences("shop-api")
                .claimsMapping(ClaimsMapping.builder().rolesClaim("realm_access.roles").build())
                .build())
            .build();
        // end::keycloak[]
        return jwt;
    }

    static JwtAuthenticator auth0(JwtIssuer keycloak) {
        // tag::auth0[]
        JwtAuthenticator jwt = JwtAuthenticator.builder()
            .issuer(keycloak)
            .issuer(JwtIssuer.builder("https://example.eu.auth0.com/")
                .jwksUri(URI.create("https://example.eu.auth0.com/.well-known/jwks.json"))
                .audiences("https://api.example.com")
                .claimsMapping(ClaimsMapping.builder().rolesClaim("https://example.com/roles").build())
                .build())
            .build();
        // end::auth0[]
        return jwt;
    }

    static Interceptor introspection(JwtIssuer keycloak) {
        // tag::introspection[]
        IntrospectionAuthenticator opaque = IntrospectionAuthenticator
            .builder(URI.create("https://sso.example.com/realms/shop/protocol/openid-connect/token/introspect"))
            .client("gateway", System.getenv("INTROSPECTION_SECRET"), IntrospectionAuthenticator.ClientAuth.BASIC) // or POST
            .audiences("shop-api")
            .build();
        Interceptor authentication = Authentication.interceptor(
            JwtAuthenticator.builder().issuer(keycloak).passOpaqueTokens(true).build(), opaque);
        // end::introspection[]
        return authentication;
    }

    static ApiKeyAuthenticator apiKeys() {
        // tag::api-keys[]
        ApiKeys store = ApiKeys.builder()
            .key(ApiKeys.sha256Hex(System.getenv("REPORTING_KEY")), "reporting", Set.of("reports:read"), Set.of())
            .file(Path.of("/etc/gateway/api-keys.json"))   // [{"sha256":"<hex>","name":"batch","scopes":["jobs:run"]}]
            .build();
        ApiKeyAuthenticator apiKeys = ApiKeyAuthenticator.builder(store).header("X-API-Key").queryParameter("api_key").build();
        // end::api-keys[]
        return apiKeys;
    }

    static Pipeline perRoute(ApiKeys store) {
        // tag::per-route[]
        JwtAuthenticator partnerJwt = JwtAuthenticator.builder()
            .issuer(JwtIssuer.builder("https://idp.partners.example").jwksUri(URI.create("https://idp.partners.example/jwks"))
                .audiences("shop-api").build())
            .build();
        JwtAuthenticator staffJwt = JwtAuthenticator.builder()
            .issuer(JwtIssuer.builder("https://idp.example/realms/staff").jwksUri(URI.create("https://idp.example/jwks"))
                .audiences("shop-api").build())
            .build();
        ApiKeyAuthenticator apiKeys = ApiKeyAuthenticator.builder(store).build();

        RouteTable routes = RouteTable.of(
            Route.builder("partners").path("/partners/**").upstream("http://partners:8080")
                .metadata(Authenticators.KEY, Authenticators.of(partnerJwt)).build(),      // partner tokens only
            Route.builder("internal").path("/internal/**").upstream("http://internal:8080")
                .metadata(Authenticators.KEY, Authenticators.of(apiKeys)).build(),         // API keys only
            Route.builder("public").path("/public/**").upstream("http://public:8080")
                .metadata(Authenticators.KEY, Authenticators.anonymous())                  // nobody is asked
                .metadata(AccessPolicy.KEY, AccessPolicy.anonymous()).build(),             // and nobody is required
            Route.builder("api").path("/api/**").upstream("http://api:8080").build());     // the defaults

        Pipeline pipeline = Pipeline.builder()
            .add(Routing.interceptor(routes))
            .add(Authentication.builder()
                .defaults(Authenticators.of(staffJwt))   // required; Authenticators.anonymous() is allowed
                .routes(routes)                          // so every route's credentials are stripped everywhere
                .realm("api")
                .build())
            .add(Authorization.builder().defaultPolicy(AccessPolicy.authenticated()).build())
            .add(ClaimHeaders.builder().claim("sub", "X-User-Id").build())
            .build();
        // end::per-route[]
        return pipeline;
    }

    static void authorization() {
        // tag::authorization[]
        Route.builder("orders").path("/orders/**").upstream("http://orders:8080")
            .metadata(AccessPolicy.KEY, AccessPolicy.scopesAnyOf("orders:read", "orders:admin")
                .and(AccessPolicy.claim("tenant acme", p -> "acme".equals(p.claims().get("tenant")))))
            .build();
        Route.builder("health").path("/health").upstream("http://orders:8080")
            .metadata(AccessPolicy.KEY, AccessPolicy.anonymous()).build();
        // end::authorization[]
    }

    static void claimHeaders() {
        // tag::claim-headers[]
        ClaimHeaders.builder().claim("sub", "X-User-Id").claim("tenant", "X-Tenant")
            .scopesHeader("X-User-Scopes").rolesHeader("X-User-Roles").build();
        Route.builder("legacy").path("/legacy/**").upstream("http://legacy:8080")
            .metadata(CredentialRelay.KEY, CredentialRelay.RELAY)   // keep Authorization for this route
            .build();
        // end::claim-headers[]
    }

    static void order(RouteTable routes, JwtAuthenticator jwt, ApiKeys apiKeys, ServletContext servletContext) {
        // tag::order[]
        Pipeline pipeline = Pipeline.builder()
            .add(Routing.interceptor(routes))
            .add(Cors.interceptor(CorsPolicy.builder().allowedOrigins("https://app.example")
                .allowedMethods("GET", "POST").allowedHeaders("Authorization", "Content-Type").build()))
            .add(Authentication.interceptor(jwt, ApiKeyAuthenticator.builder(apiKeys).build()))
            .add(Authorization.builder().defaultPolicy(AccessPolicy.authenticated()).build())
            .add(ClaimHeaders.builder().claim("sub", "X-User-Id").scopesHeader("X-User-Scopes")
                .rolesHeader("X-User-Roles").build())
            .build();
        GatewayFilter.builder().pipeline(pipeline).build().register(servletContext);
        // end::order[]
    }
}
