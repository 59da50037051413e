package dev.portcullis.servlet.it.validation;

import static dev.portcullis.servlet.it.validation.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.Interceptor;
import dev.portcullis.api.Pipeline;
import dev.portcullis.api.ProblemTypes;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.core.guard.GuardPolicy;
import dev.portcullis.core.guard.RequestGuards;
import dev.portcullis.servlet.GatewayFilter;
import dev.portcullis.servlet.it.Http;
import dev.portcullis.servlet.it.RawHttp;
import dev.portcullis.servlet.it.RunningServer;
import dev.portcullis.servlet.it.ServletContainer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The body caps of {@link RequestGuards} through the real filter: declared, chunked and with 100-continue. */
class BodyGuardsTest {
    private static final String CONTAINERS = "dev.portcullis.servlet.it.ServletContainer#all";
    private static final int CAP = 1024;
    private static final AtomicReference<String> FRAMING_SEEN = new AtomicReference<>();
    @RegisterExtension
    static final GatewayFixture GATEWAY = new GatewayFixture(BodyGuardsTest::gateway);

    private static GatewayFilter gateway(Upstream upstream) {
        Route body = Route.builder("body").path("/body/**").upstream(upstream.baseUri())
                .metadata(RequestGuards.POLICY, GuardPolicy.builder().maxBodyBytes(CAP)
                        .allowedContentTypes("application/json", "text/plain").build())
                .build();
        Interceptor framingProbe = chain -> {
            FRAMING_SEEN.set("transfer-encoding=" + chain.request().headers().all("Transfer-Encoding")
                    + " length=" + chain.request().body().contentLength());
            return chain.proceed(chain.request());
        };
        return GatewayFilter.builder().pipeline(Pipeline.builder()
                .add(framingProbe)
                .add(Routing.interceptor(RouteTable.of(body)))
                .add(RequestGuards.interceptor(GuardPolicy.defaults()))
                .build()).build();
    }

    private static String chunk(int size, char fill) {
        return Integer.toHexString(size) + "\r\n" + String.valueOf(fill).repeat(size) + "\r\n";
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aBodyWithinTheCapReachesTheUpstreamUnchanged(ServletContainer container) throws Exception {
        RunningServer server = GATEWAY.on(container);
        String json = "{\"a\":\"" + "x".repeat(CAP - 8) + "\"}";
        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(server.uri("/body/ok"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
        assertEquals(200, response.statusCode(), response.body());
        assertArrayEquals(json.getBytes(StandardCharsets.UTF_8), GATEWAY.upstream().next().body());
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aDeclaredLengthOverTheCapIsA413ProblemAndTheUpstreamIsNeverCalled(ServletContainer container)
            throws Exception {
        RunningServer server = GATEWAY.on(container);
        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(server.uri("/body/big"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(CAP + 1))).build());
        assertEquals(CAP, assertProblem(response, 413, ProblemTypes.PAYLOAD_TOO_LARGE).path("maxBytes").asLong());
        assertFalse(GATEWAY.upstream().received(), "the upstream was called");
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aChunkedBodyWithinTheCapIsForwardedWhole(ServletContainer container) throws Exception {
        RunningServer server = GATEWAY.on(container);
        RawHttp.Response response = RawHttp.exchange(server.port(), "POST /body/chunked HTTP/1.1\r\nHost: gw\r\n"
                + "Content-Type: text/plain\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + chunk(500, 'a') + chunk(500, 'b') + "0\r\n\r\n");
        assertEquals(200, response.status(), response.text());
        Upstream.Seen seen = GATEWAY.upstream().next();
        assertEquals("a".repeat(500) + "b".repeat(500), new String(seen.body(), StandardCharsets.US_ASCII));
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void thePipelineSeesAChunkedBodyAsUnknownLengthWithoutTheHopByHopTransferEncoding(ServletContainer container)
            throws Exception {
        RunningServer server = GATEWAY.on(container);
        RawHttp.Response response = RawHttp.exchange(server.port(), "POST /body/framing HTTP/1.1\r\nHost: gw\r\n"
                + "Content-Type: text/plain\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + chunk(3, 'a') + "0\r\n\r\n");
        assertEquals(200, response.status(), response.text());
        assertEquals("transfer-encoding=[] length=-1", FRAMING_SEEN.get());
        assertEquals("aaa", new String(GATEWAY.upstream().next().body(), StandardCharsets.US_ASCII));
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aChunkedBodyGrowingOverTheCapIsA413AndTheUpstreamNeverGetsTheWholeBody(ServletContainer container)
            throws Exception {
        RunningServer server = GATEWAY.on(container);
        RawHttp.Response response = RawHttp.exchange(server.port(), "POST /body/stream HTTP/1.1\r\nHost: gw\r\n"
                + "Content-Type: text/plain\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + chunk(800, 'a') + chunk(800, 'b') + chunk(800, 'c') + "0\r\n\r\n");
        assertProblem(response, 413, ProblemTypes.PAYLOAD_TOO_LARGE);
        Upstream.Seen seen = GATEWAY.upstream().next();
        assertNotNull(seen.failure(), "the upstream read a complete body of " + seen.body().length + " bytes");
        assertTrue(seen.body().length <= CAP, "the upstream got " + seen.body().length + " bytes");
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void expectContinueWithAnOversizedLengthIsA413BeforeTheClientSendsTheBody(ServletContainer container)
            throws Exception {
        RunningServer server = GATEWAY.on(container);
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /body/continue HTTP/1.1\r\nHost: gw\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000000\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
            in.mark(64);
            String statusLine = RawHttp.line(in);
            boolean interim = statusLine.startsWith("HTTP/1.1 100 ");
            if (interim) {
                while (!RawHttp.line(in).isEmpty()) {
                    continue;
                }
            } else {
                in.reset();
            }
            assertProblem(RawHttp.read(in), 413, ProblemTypes.PAYLOAD_TOO_LARGE);
            // Jetty sends 100 Continue only when the body is read, so the client hears only the 413. Tomcat's
            // connector default (continueResponseTiming="immediately") sends 100 Continue before the filter runs;
            // the 413 still follows without the client sending a byte, but a real client would start uploading:
            // set continueResponseTiming="onRead" on Tomcat's Connector to keep the guard's promise.
            assertEquals(container == ServletContainer.TOMCAT, interim, container + ": 100 Continue sent: " + interim);
        }
        assertFalse(GATEWAY.upstream().received(), "the upstream was called");
    }
}
