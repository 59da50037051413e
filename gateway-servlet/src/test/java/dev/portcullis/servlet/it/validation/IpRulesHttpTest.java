package dev.portcullis.servlet.it.validation;

import static dev.portcullis.servlet.it.validation.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.portcullis.api.Pipeline;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.api.validation.RequestProblemTypes;
import dev.portcullis.servlet.GatewayFilter;
import dev.portcullis.servlet.ipfilter.IpFilter;
import dev.portcullis.servlet.it.RawHttp;
import dev.portcullis.servlet.it.RunningServer;
import dev.portcullis.servlet.it.ServletContainer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * IP rules on the client address through the real filter. Two gateways per container: one trusting nobody and
 * denying {@code 127.0.0.1}, one trusting {@code 127.0.0.1/32} as a proxy and denying {@code 203.0.113.0/24}.
 */
class IpRulesHttpTest {
    private static final String CONTAINERS = "dev.portcullis.servlet.it.ServletContainer#all";
    private static Upstream upstream;
    private static SharedServers direct;
    private static SharedServers behindProxy;

    @BeforeAll
    static void start() throws Exception {
        upstream = Upstream.start();
        direct = new SharedServers(() -> gateway(IpFilter.builder().deny("127.0.0.1").build()));
        behindProxy = new SharedServers(() -> gateway(IpFilter.builder().deny("203.0.113.0/24").build(),
                "127.0.0.1/32"));
    }

    @AfterAll
    static void stop() throws Exception {
        direct.close();
        behindProxy.close();
        upstream.close();
    }

    @BeforeEach
    void forgetEarlierRequests() {
        upstream.clear();
    }

    private static GatewayFilter gateway(IpFilter rules, String... trustedProxies) {
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
        assertProblem(get(direct.on(container)), 403, RequestProblemTypes.IP_DENIED);
        assertFalse(upstream.received(), "the upstream was called");
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aForwardedForFromAnUntrustedPeerCannotHideADeniedAddress(ServletContainer container) throws Exception {
        assertProblem(get(direct.on(container), "X-Forwarded-For: 198.51.100.7"), 403,
                RequestProblemTypes.IP_DENIED);
        assertFalse(upstream.received(), "the upstream was called");
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aTrustedProxysForwardedForDecidesTheClientAddress(ServletContainer container) throws Exception {
        RunningServer server = behindProxy.on(container);
        assertProblem(get(server, "X-Forwarded-For: 203.0.113.9"), 403, RequestProblemTypes.IP_DENIED);
        assertFalse(upstream.received(), "the upstream was called");
        RawHttp.Response allowed = get(server, "X-Forwarded-For: 198.51.100.7");
        assertEquals(200, allowed.status(), allowed.text());
        assertEquals(List.of("198.51.100.7, 127.0.0.1"), upstream.next().header("X-Forwarded-For"));
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aDeniedAddressFurtherLeftThanTheTrustedHopIsNotBelieved(ServletContainer container) throws Exception {
        RawHttp.Response response = get(behindProxy.on(container), "X-Forwarded-For: 203.0.113.9, 198.51.100.7");
        assertEquals(200, response.status(), response.text());
        assertEquals(List.of("203.0.113.9, 198.51.100.7, 127.0.0.1"), upstream.next().header("X-Forwarded-For"));
    }
}
