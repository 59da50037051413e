package dev.portcullis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.portcullis.api.ProblemTypes;
import dev.portcullis.config.testing.Decisions;
import dev.portcullis.config.testing.Decisions.Decision;
import dev.portcullis.config.testing.Requests;
import dev.portcullis.core.Gateway;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sections gateway-api and gateway-core define map onto the DSL and decide requests as the file says. */
class CoreSectionsTest {
    @TempDir
    Path directory;

    private GatewayConfig config;

    @BeforeEach
    void loadTheFile() {
        config = new ConfigFiles(directory).load(
                "pipeline: [routing, ipFilter, cors, guards, authentication, authorization, transform, routeTransform,"
                        + " locationRewrite]",
                "gateway: {trustedProxies: [10.0.0.0/8], requestIdHeader: X-Correlation-Id, maxInFlight: 100}",
                "routes:",
                "  - id: admin",
                "    path: /api/admin/**",
                "    hosts: admin.example.com",
                "    methods: [GET, POST]",
                "    headers: {X-Admin-Version: 'v[23]'}",
                "    upstreams: [http://10.0.0.9:8080]",
                "  - id: users",
                "    path: /api/users/{id:[0-9]+}/**",
                "    stripPrefix: 1",
                "    upstreams: [{uri: 'http://10.0.0.5:8080', weight: 3}, http://10.0.0.6:8080]",
                "    timeouts: {connect: 500ms, response: 10s, idle: 1m}",
                "    access: anonymous",
                "    authenticators: []",
                "  - id: legacy",
                "    path: /old/**",
                "    query: {tier: gold|silver}",
                "    rewrite: {regex: '^/old/(?<rest>.*)$', replacement: '/${rest}'}",
                "    addPrefix: /v2",
                "    upstreams: [https://legacy.example.com, https://legacy2.example.com]",
                "    loadBalancer: round-robin",
                "    preserveHost: true",
                "    access: anonymous",
                "    guard: {maxBodySize: 1KiB, allowedMethods: [GET], requiredQuery: {tier: any}}",
                "    transform:",
                "      request: {remove: [Cookie], set: {X-Gateway: portcullis}}",
                "      query: {add: {source: gw}}",
                "ipFilter: {deny: [192.0.2.66]}",
                "cors: {allowedOrigins: ['https://app.example.com'], allowedMethods: [GET, POST], maxAge: 10m}",
                "guards: {maxUriLength: 64}",
                "authentication: {defaults: []}",
                "authorization: {defaultPolicy: {scopesAnyOf: [admin]}}",
                "transform: {response: {remove: [Server]}}",
                "locationRewrite: {}");
    }

    private Decision run(Requests request) {
        return Decisions.run(config.pipeline(), request.build("r1"));
    }

    @Test
    void thePipelineHasTheFilesStagesInTheFilesOrder() {
        assertEquals("Routing -> IpFilter -> Cors -> RequestGuards -> Authentication -> Authorization -> Transform"
                + " -> RouteTransform -> LocationRewrite", config.describe());
    }

    @Test
    void aRouteMatchesItsPathPatternAndRewritesWithItsTimeouts() {
        Decision decision = run(Requests.of("GET", "/api/users/7/orders"));
        assertEquals(200, decision.status());
        assertEquals("users connect=PT0.5S response=PT10S idle=PT1M", decision.route());
        assertEquals("/users/7/orders", decision.upstreamPathAndQuery());
    }

    @Test
    void weightedUpstreamsShareRequestsByWeight() {
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            chosen.add(run(Requests.of("GET", "/api/users/7")).upstream());
        }
        assertEquals(3, chosen.stream().filter("http://10.0.0.5:8080"::equals).count(), chosen.toString());
    }

    @Test
    void aRegexRewriteAPrefixAndTheRoutesTransformApplyToAMatchingQuery() {
        Decision decision = run(Requests.of("GET", "/old/a/b?tier=gold").header("Cookie", "a=b"));
        assertEquals("legacy connect=PT5S response=PT30S idle=PT1M preserveHost", decision.route());
        assertEquals("/v2/a/b?tier=gold&source=gw", decision.upstreamPathAndQuery());
        assertEquals(List.of("portcullis"), decision.upstreamHeaders().get("x-gateway"));
        assertFalse(decision.upstreamHeaders().containsKey("cookie"));
    }

    @Test
    void roundRobinAlternatesBetweenTheRoutesInstances() {
        String first = run(Requests.of("GET", "/old/a?tier=gold")).upstream();
        String second = run(Requests.of("GET", "/old/a?tier=gold")).upstream();
        assertFalse(first.equals(second), first + " twice");
    }

    @Test
    void theRoutesGuardRefusesAMethodItDoesNotAllow() {
        Decision decision = run(Requests.of("POST", "/old/a?tier=gold"));
        assertEquals(405, decision.status());
        assertEquals(ProblemTypes.METHOD_NOT_ALLOWED, decision.problemType());
    }

    @Test
    void theDefaultGuardRefusesALongUri() {
        assertEquals(414, run(Requests.of("GET", "/api/users/7/" + "x".repeat(80))).status());
    }

    @Test
    void aRequestNoPredicateTakesGoesToTheApplicationAfterTheDefaultPolicy() {
        Decision decision = run(Requests.of("GET", "/old/a?tier=bronze"));
        assertNull(decision.route());
        assertEquals(401, decision.status());
    }

    @Test
    void hostMethodAndHeaderPredicatesAllHoldForTheAdminRoute() {
        Decision admin = run(Requests.of("GET", "/api/admin/x").host("admin.example.com")
                .header("X-Admin-Version", "v2"));
        assertEquals(401, admin.status(), "the default policy needs the admin scope");
        Decision otherHost = run(Requests.of("GET", "/api/admin/x").host("www.example.com")
                .header("X-Admin-Version", "v2"));
        assertEquals(401, otherHost.status());
        assertNull(otherHost.route());
    }

    @Test
    void aDeniedClientAddressIsRefused() {
        Decision decision = run(Requests.of("GET", "/api/users/7").from("192.0.2.66"));
        assertEquals(403, decision.status());
        assertEquals(ProblemTypes.IP_DENIED, decision.problemType());
    }

    @Test
    void aCorsPreflightFromAnAllowedOriginIsAnsweredByTheGateway() {
        Decision decision = run(Requests.of("OPTIONS", "/api/users/7").header("Origin", "https://app.example.com")
                .header("Access-Control-Request-Method", "POST"));
        assertEquals(204, decision.status());
        assertEquals(List.of("600"), decision.responseHeaders().get("access-control-max-age"));
    }

    @Test
    void theGatewaySectionSetsTheGatewaysSettings() {
        try (Gateway gateway = config.applyTo(Gateway.builder()).build()) {
            assertEquals("X-Correlation-Id", gateway.requestIdHeader());
        }
    }
}
