package dev.portcullis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.auth.apikey.ApiKeys;
import dev.portcullis.config.testing.Decisions;
import dev.portcullis.config.testing.Decisions.Decision;
import dev.portcullis.config.testing.Requests;
import dev.portcullis.config.testing.Tokens;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The authentication sections build gateway-auth's authenticators and stages, with secrets from references. */
class AuthSectionsTest {
    private static final String SECRET = "an-hmac-secret-of-at-least-32-bytes!";
    private static final String ISSUER = "https://idp.example";

    @TempDir
    Path directory;

    private GatewayConfig config;

    @BeforeEach
    void loadTheFile() {
        ConfigFiles files = new ConfigFiles(directory, Map.of("JWT_SECRET", SECRET, "REPORTING_KEY", "reporting-key",
                "INTROSPECTION_SECRET", "s3cret"));
        files.writeFile("keys/api-keys.json", "[{\"sha256\": \"" + ApiKeys.sha256Hex("batch-key")
                + "\", \"name\": \"batch\", \"scopes\": [\"reports:read\"]}]");
        config = files.load(
                "pipeline: [routing, authentication, authorization, claimHeaders]",
                "routes:",
                "  - id: orders",
                "    path: /orders/**",
                "    upstreams: [http://10.0.0.5:8080]",
                "    access: {scopesAnyOf: ['orders:read'], claims: {tenant: acme}}",
                "  - id: reports",
                "    path: /reports/**",
                "    upstreams: [http://10.0.0.6:8080]",
                "    authenticators: [keys]",
                "    access: {scopesAllOf: ['reports:read']}",
                "  - id: public",
                "    path: /public/**",
                "    upstreams: [http://10.0.0.7:8080]",
                "    authenticators: []",
                "    access: anonymous",
                "    credentialRelay: relay",
                "authenticators:",
                "  staff:",
                "    jwt:",
                "      issuers:",
                "        - issuer: " + ISSUER,
                "          hmacSecret: ${JWT_SECRET}",
                "          algorithms: [HS256]",
                "          claims: {roles: realm_access.roles}",
                "      tokenSource: {cookie: at}",
                "  keys:",
                "    apiKeys:",
                "      keys: [{key: '${REPORTING_KEY}', name: reporting, scopes: ['reports:read']}]",
                "      files: [keys/api-keys.json]",
                "  opaque:",
                "    introspection:",
                "      endpoint: https://idp.example/introspect",
                "      clientId: gateway",
                "      clientSecret: ${INTROSPECTION_SECRET}",
                "      timeouts: {connect: 1s, read: 2s}",
                "authentication: {defaults: [staff], realm: api}",
                "authorization: {realm: api}",
                "claimHeaders: {headers: {X-User-Id: sub, X-User-Tenant: tenant}, scopesHeader: X-User-Scopes}");
    }

    private Decision run(Requests request) {
        return Decisions.run(config.pipeline(), request.build("r1"));
    }

    private static String token(Map<String, Object> claims) {
        return Tokens.hs256(SECRET, ISSUER, "alice", claims);
    }

    @Test
    void aTokenOfTheIssuerWithTheRightScopeAndClaimReachesTheUpstreamAsClaimHeaders() {
        Decision decision = run(Requests.of("GET", "/orders/7")
                .header("Authorization", "Bearer " + token(Map.of("scope", "orders:read", "tenant", "acme"))));
        assertEquals(200, decision.status());
        assertEquals(List.of("alice"), decision.upstreamHeaders().get("x-user-id"));
        assertEquals(List.of("acme"), decision.upstreamHeaders().get("x-user-tenant"));
        assertEquals(List.of("orders:read"), decision.upstreamHeaders().get("x-user-scopes"));
        assertFalse(decision.upstreamHeaders().containsKey("authorization"));
    }

    @Test
    void theTokenCookieOfTheTokenSourceIsRead() {
        Decision decision = run(Requests.of("GET", "/orders/7")
                .header("Cookie", "at=" + token(Map.of("scope", "orders:read", "tenant", "acme"))));
        assertEquals(200, decision.status());
    }

    @Test
    void aClaimWithAnotherValueThanTheAccessPolicyNamesIsForbidden() {
        Decision decision = run(Requests.of("GET", "/orders/7")
                .header("Authorization", "Bearer " + token(Map.of("scope", "orders:read", "tenant", "globex"))));
        assertEquals(403, decision.status());
    }

    @Test
    void noCredentialOrAForgedOneIsAChallengeWithTheRealm() {
        Decision none = run(Requests.of("GET", "/orders/7"));
        assertEquals(401, none.status());
        assertTrue(none.responseHeaders().get("www-authenticate").get(0).contains("realm=\"api\""),
                none.responseHeaders().toString());
        Decision forged = run(Requests.of("GET", "/orders/7").header("Authorization", "Bearer "
                + Tokens.hs256("another-secret-of-at-least-32-bytes!", ISSUER, "mallory", Map.of())));
        assertEquals(401, forged.status());
        assertTrue(forged.responseHeaders().get("www-authenticate").get(0).contains("realm=\"api\""),
                forged.responseHeaders().toString());
    }

    @Test
    void aRouteAsksOnlyItsOwnAuthenticators() {
        assertEquals(200, run(Requests.of("GET", "/reports/1").header("X-API-Key", "reporting-key")).status());
        assertEquals(200, run(Requests.of("GET", "/reports/1").header("X-API-Key", "batch-key")).status(),
                "a key from the key file");
        assertEquals(401, run(Requests.of("GET", "/reports/1")
                .header("Authorization", "Bearer " + token(Map.of("scope", "reports:read")))).status());
    }

    @Test
    void anAnonymousRouteRelaysTheAuthorizationHeaderWhenTheRouteSaysSo() {
        Decision decision = run(Requests.of("GET", "/public/x").header("Authorization", "Basic abc"));
        assertEquals(200, decision.status());
        assertEquals(List.of("Basic abc"), decision.upstreamHeaders().get("authorization"));
    }

    @Test
    void aSecretTooShortForItsAlgorithmIsRefusedWithoutShowingIt() {
        ConfigFiles files = new ConfigFiles(directory, Map.of("JWT_SECRET", "short-secret-value"));
        List<String> problems = files.problems(
                "pipeline: [authentication]",
                "authenticators:",
                "  staff: {jwt: {issuers: [{issuer: 'https://idp.example', hmacSecret: '${JWT_SECRET}',"
                        + " algorithms: [HS256]}]}}",
                "authentication: {defaults: [staff]}");
        assertEquals(List.of("gateway.yaml:3:71: authenticators.staff.jwt.issuers[0].hmacSecret: issuer "
                + "https://idp.example: hmacSecret has 144 bits; [HS256] need at least 256"), problems);
    }
}
