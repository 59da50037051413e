package dev.portcullis.servlet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.routing.Route;
import dev.portcullis.core.client.UpstreamClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Upstream response heads the gateway must not relay, whichever {@link UpstreamClient} parsed them: each is answered
 * {@code 502} problem+json with nothing of the upstream's head relayed. A {@code 103 Early Hints} is not relayed
 * either, but the final response after it is (see docs/proxy.md). A module with another client extends this
 * class and supplies it.
 */
public abstract class UpstreamResponseRefusalContract {
    private static final String CONTAINERS = "dev.portcullis.servlet.it.ServletContainer#all";

    /** @return a fresh client for one test; {@link #exchange} closes it after the gateway stops */
    protected abstract UpstreamClient client();

    /**
     * @param container the container
     * @param upstreamResponse the raw upstream answer
     * @return what the client receives for a GET through the gateway
     * @throws Exception on failure
     */
    protected RawHttp.Response exchange(ServletContainer container, String upstreamResponse) throws Exception {
        try (RawUpstream upstream = RawUpstream.start(upstreamResponse);
             UpstreamClient client = client();
             RunningServer server = container.start(Gateways.builder(
                     Route.builder("api").path("/api/**").upstream(upstream.baseUri()).build())
                     .upstreamClient(client).build(), new AppServlet())) {
            return RawHttp.exchange(server.port(), "GET /api/x HTTP/1.1\r\nHost: gw\r\nConnection: close\r\n\r\n");
        }
    }

    /** @param response asserted to be the gateway's 502 problem */
    protected static void assertBadGateway(RawHttp.Response response) {
        assertEquals(502, response.status(), response.headers() + response.text());
        assertTrue(response.header("Content-Type").get(0).startsWith("application/problem+json"));
        assertTrue(response.text().contains("upstream-unavailable"), response.text());
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    public void anUpstream101ToARequestWithoutUpgradeIsAnswered502WithoutHanging(ServletContainer container) {
        RawHttp.Response response = assertTimeoutPreemptively(Duration.ofSeconds(15), () -> exchange(container,
                "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n"));
        assertBadGateway(response);
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    public void anUpstreamResponseHeadAboveTheCapIsAnswered502Problem(ServletContainer container) throws Exception {
        String big = "x".repeat(9 * 1024);
        RawHttp.Response response = exchange(container,
                "HTTP/1.1 200 OK\r\nX-Big: " + big + "\r\nContent-Length: 2\r\n\r\nok");
        assertBadGateway(response);
        assertFalse(response.headers().toString().contains(big));
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    public void anUpstreamHeaderValueHoldingNulIsAnswered502WithNothingRelayed(ServletContainer container)
            throws Exception {
        assertRefusedWithNothingRelayed(container, "X-Evil: a\u0000b");
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    public void anUpstreamHeaderNameThatIsNotATokenIsAnswered502WithNothingRelayed(ServletContainer container)
            throws Exception {
        assertRefusedWithNothingRelayed(container, "X(Evil): a");
    }

    /**
     * @param container the container
     * @param badHeaderLine a header line the upstream sends after a good one, without its CRLF
     * @throws Exception on failure
     */
    protected void assertRefusedWithNothingRelayed(ServletContainer container, String badHeaderLine)
            throws Exception {
        RawHttp.Response response = exchange(container,
                "HTTP/1.1 200 OK\r\nX-Upstream: marker\r\n" + badHeaderLine + "\r\nContent-Length: 2\r\n\r\nok");
        assertBadGateway(response);
        assertTrue(response.header("X-Upstream").isEmpty(), response.headers().toString());
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    public void anUpstream103IsSwallowedAndTheFinalResponseRelayedWithoutTheHints(ServletContainer container)
            throws Exception {
        RawHttp.Response response = exchange(container, "HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n"
                + "\r\nHTTP/1.1 200 OK\r\nX-Final: yes\r\nContent-Length: 2\r\n\r\nok");
        assertEquals(200, response.status(), response.headers() + response.text());
        assertEquals("ok", response.text());
        assertEquals(List.of("yes"), response.header("X-Final"));
        assertTrue(response.header("Link").isEmpty(), response.headers().toString());
    }
}
