package dev.portcullis.servlet.it.validation;

import static dev.portcullis.servlet.it.validation.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.portcullis.api.Pipeline;
import dev.portcullis.api.ProblemTypes;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.core.ipfilter.IpFilter;
import dev.portcullis.servlet.GatewayFilter;
import dev.portcullis.servlet.it.RawHttp;
import dev.portcullis.servlet.it.RunningServer;
import dev.portcullis.servlet.it.ServletContainer;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * IP rules on the client address through the real filter. Two gateways per container: one trusting nobody and
 * denying {@code 127.0.0.1}, one trusting {@code 127.0.0.1/32} as a proxy and denying {@code 203.0.113.0/24}.
 */
class IpRulesHttpTest {
    private static final String CONTAINERS = "dev.portcullis.servlet.it.ServletContainer#all";
    @RegisterExtension
    static final GatewayFixture DIRECT = new GatewayFixture(upstream -> gateway(upstream,
            IpFilter.builder().deny("127.0.0.1").build()));
    @RegisterExtension
    static final GatewayFixture BEHIND_PROXY = new GatewayFixture(upstream -> gateway(upstream,
            IpFilter.builder().deny("203.0.113.0/24").build(), "127.0.0.1/32"));

    private static GatewayFilter gateway(Upstream upstream, IpFilter rules, String... trustedProxies) {
        return GatewayFilter.builder().trustedProxies(trustedProxies).pipeline(Pipeline.builder()
                .add(Routing.interceptor(RouteTable.of(
                        Route.builder("api").path("/api/**").upstream(upstream.baseUri()).build())))
                .add(rules.interceptor())
                .build()).build();
    }

    private static RawHttp.Response get(RunningServer server, String... headerLines) throws Exception {
        return RawHttp.exchange(server.port(), "GET /api/ip HTTP/1.1\r\nHost: gw\r\n"
                + String.join("", java.util.Arrays.stream(headerLines).map(h -> h + "\r\n").toList())
                + "Connection: close\r\n\r\n");
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aDeniedClientIsA403ProblemAndTheUpstreamIsNeverCalled(ServletContainer container) throws Exception {
        assertProblem(get(DIRECT.on(container)), 403, ProblemTypes.IP_DENIED);
        assertFalse(DIRECT.upstream().received(), "the upstream was called");
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aForwardedForFromAnUntrustedPeerCannotHideADeniedAddress(ServletContainer container) throws Exception {
        assertProblem(get(DIRECT.on(container), "X-Forwarded-For: 198.51.100.7"), 403,
                ProblemTypes.IP_DENIED);
        assertFalse(DIRECT.upstream().received(), "the upstream was called");
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aTrustedProxysForwardedForDecidesTheClientAddress(ServletContainer container) throws Exception {
        RunningServer server = BEHIND_PROXY.on(container);
        assertProblem(get(server, "X-Forwarded-For: 203.0.113.9"), 403, ProblemTypes.IP_DENIED);
        assertFalse(BEHIND_PROXY.upstream().received(), "the upstream was called");
        RawHttp.Response allowed = get(server, "X-Forwarded-For: 198.51.100.7");
        assertEquals(200, allowed.status(), allowed.text());
        assertEquals(List.of("198.51.100.7, 127.0.0.1"),
                BEHIND_PROXY.upstream().next().header("X-Forwarded-For"));
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aDeniedAddressFurtherLeftThanTheTrustedHopIsNotBelieved(ServletContainer container) throws Exception {
        RawHttp.Response response = get(BEHIND_PROXY.on(container), "X-Forwarded-For: 203.0.113.9, 198.51.100.7");
        assertEquals(200, response.status(), response.text());
        assertEquals(List.of("203.0.113.9, 198.51.100.7, 127.0.0.1"),
                BEHIND_PROXY.upstream().next().header("X-Forwarded-For"));
    }
}
