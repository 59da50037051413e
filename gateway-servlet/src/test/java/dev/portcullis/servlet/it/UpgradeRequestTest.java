package dev.portcullis.servlet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.ProblemTypes;
import dev.portcullis.api.routing.Route;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A request that asks to switch protocols (a WebSocket handshake) on a proxied route gets a clear 501 problem
 * instead of being forwarded as a plain request; the application's own paths still see it as sent.
 */
class UpgradeRequestTest {
    private static final String CONTAINERS = "dev.portcullis.servlet.it.ServletContainer#all";
    private static final String HANDSHAKE = " HTTP/1.1\r\nHost: gw\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
            + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n";

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aWebSocketHandshakeOnAProxiedRouteIsAnswered501UpgradeNotSupportedWithoutCallingTheUpstream(
            ServletContainer container) throws Exception {
        AtomicInteger upstreamCalls = new AtomicInteger();
        try (TestUpstream upstream = TestUpstream.start(exchange -> {
            upstreamCalls.incrementAndGet();
            TestUpstream.reply(exchange, 200, "plain");
        });
             RunningServer server = container.start(Gateways.routing(Route.builder("ws").path("/ws/**")
                     .upstream(upstream.baseUri()).build()), new AppServlet())) {
            RawHttp.Response response = RawHttp.exchange(server.port(), "GET /ws/chat" + HANDSHAKE);

            assertEquals(501, response.status());
            assertTrue(response.header("Content-Type").get(0).startsWith("application/problem+json"));
            assertTrue(response.text().contains(ProblemTypes.UPGRADE_NOT_SUPPORTED), response.text());
            assertEquals(0, upstreamCalls.get());
        }
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aWebSocketHandshakeOnAnApplicationPathReachesTheApplication(ServletContainer container) throws Exception {
        try (RunningServer server = container.start(Gateways.routing(), new AppServlet())) {
            RawHttp.Response response = RawHttp.exchange(server.port(), "GET /hello" + HANDSHAKE);

            assertEquals(200, response.status());
            assertTrue(response.text().startsWith("app GET /hello"), response.text());
        }
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void anOptionalH2cUpgradeOfferIsIgnoredAndTheRequestProxiedInHttp11(ServletContainer container)
            throws Exception {
        try (TestUpstream upstream = TestUpstream.start(exchange -> TestUpstream.reply(exchange, 200, "plain"));
             RunningServer server = container.start(Gateways.routing(Route.builder("api").path("/api/**")
                     .upstream(upstream.baseUri()).build()), new AppServlet())) {
            RawHttp.Response response = RawHttp.exchange(server.port(), "GET /api/x HTTP/1.1\r\nHost: gw\r\n"
                    + "Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQBAAAAAAIAAAAA\r\n"
                    + "Connection: close\r\n\r\n");

            assertEquals(200, response.status());
            assertEquals("plain", response.text());
        }
    }
}
