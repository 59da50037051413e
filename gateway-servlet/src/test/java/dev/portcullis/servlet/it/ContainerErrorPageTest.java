package dev.portcullis.servlet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.routing.Route;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Requests the container's own parser refuses are answered as problem+json, without echo and without class names. */
class ContainerErrorPageTest {
    private static final String CONTAINERS = "dev.portcullis.servlet.it.ServletContainer#all";
    private static final String MARKER = "zzmarker";

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aBadRequestLineIsA400ProblemThatEchoesNothing(ServletContainer container) throws Exception {
        assertProblem(container, 400, "GET /" + MARKER + "<script> x HTTP/1.1\r\nHost: gw\r\nConnection: close\r\n\r\n");
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void anOverlongRequestTargetIsA414Problem(ServletContainer container) throws Exception {
        assertProblem(container, tooLarge(container, 414), "GET /" + MARKER + "a".repeat(70_000) + " HTTP/1.1\r\nHost: gw\r\n"
                + "Connection: close\r\n\r\n");
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void anOversizedHeaderBlockIsA431Problem(ServletContainer container) throws Exception {
        assertProblem(container, tooLarge(container, 431), "GET /api/x HTTP/1.1\r\nHost: gw\r\nX-Big: " + MARKER + "b".repeat(70_000)
                + "\r\nConnection: close\r\n\r\n");
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void anUnsupportedHttpVersionIsA505Problem(ServletContainer container) throws Exception {
        assertProblem(container, 505, "GET /" + MARKER + " HTTP/1.9\r\nHost: gw\r\nConnection: close\r\n\r\n");
    }

    /** Tomcat 11's parser answers an overlong request line or header block with 400 and no finer status. */
    private static int tooLarge(ServletContainer container, int jettyStatus) {
        return container == ServletContainer.TOMCAT ? 400 : jettyStatus;
    }

    private static void assertProblem(ServletContainer container, int status, String request) throws Exception {
        try (RawUpstream upstream = RawUpstream.start("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
             RunningServer server = container.start(Gateways.routing(
                     Route.builder("api").path("/**").upstream(upstream.baseUri()).build()), new AppServlet())) {
            RawHttp.Response response = RawHttp.exchange(server.port(), request);
            String all = response.headers() + response.text();
            assertEquals(status, response.status(), all);
            assertTrue(response.header("Content-Type").get(0).startsWith("application/problem+json"), all);
            assertTrue(response.text().contains("\"status\":" + status), all);
            assertFalse(all.contains(MARKER), all);
            assertFalse(all.contains("org.apache") || all.contains("org.eclipse") || all.contains("java."), all);
        }
    }
}
