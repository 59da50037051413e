package dev.portcullis.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portcullis.api.Interceptor;
import dev.portcullis.api.Pipeline;
import dev.portcullis.api.ratelimit.RateLimiter;
import dev.portcullis.auth.apikey.ApiKeys;
import dev.portcullis.auth.jwt.JwtIssuer;
import dev.portcullis.servlet.GatewayFilter;
import java.net.URI;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The guides' fragments that need no network, file or server are built as written, so a setting a builder refuses
 * (a bad pattern, a timeout out of range) fails here, not in a reader's application.
 */
class GuidesBuildTest {

    @Test
    void theRoutingGuideBuildsItsRouteTablesAndPipeline() {
        assertEquals("Routing", RoutingGuide.routes().describe());
        assertEquals(2, RoutingGuide.loadBalancers().routes().size());
    }

    @Test
    void theProxyGuideBuildsItsFilter() {
        GatewayFilter filter = ProxyGuide.filter();
        filter.destroy();
    }

    @Test
    void theResilienceGuideBuildsItsRoutesAndListener() {
        assertEquals("orders", ResilienceGuide.resilience().id());
        assertEquals("carts", ResilienceGuide.consistentHash().id());
        ResilienceGuide.events(RoutingGuide.routes(), (route, reason) -> { }).destroy();
    }

    @Test
    void theAuthGuideBuildsItsAuthenticatorsPoliciesAndPipelines() {
        JwtIssuer keycloak = JwtIssuer.builder("https://sso.example.com/realms/shop")
                .jwksUri(URI.create("https://sso.example.com/certs")).build();
        AuthGuide.keycloak();
        AuthGuide.auth0(keycloak);
        AuthGuide.authorization();
        AuthGuide.claimHeaders();
        ApiKeys store = ApiKeys.builder().key(ApiKeys.sha256Hex("a-key"), "batch", Set.of(), Set.of()).build();
        assertEquals("Routing -> Authentication -> Authorization -> ClaimHeaders",
                AuthGuide.perRoute(store).describe());
    }

    @Test
    void theRateLimitingGuideBuildsItsLocalLimitersAndPipelines() {
        RateLimiter ipLimiter = RateLimitingGuide.perIp();
        assertEquals("Routing -> RateLimiting -> Authentication -> UserRateLimit",
                RateLimitingGuide.perUser(ipLimiter, Interceptor.named("Authentication", chain -> chain.proceed(chain.request()))).describe());
        RateLimitingGuide.behindABalancer().destroy();
    }

    @Test
    void theObservabilityGuideBuildsItsFilters() {
        Pipeline pipeline = RoutingGuide.routes();
        ObservabilityGuide.metrics(pipeline).destroy();
        ObservabilityGuide.accessLog(pipeline).destroy();
        ObservabilityGuide.traceContext(pipeline).destroy();
    }
}
