package dev.portcullis.servlet.it.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.api.ExchangeEvent;
import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.Interceptor;
import dev.portcullis.api.Problem;
import dev.portcullis.api.ProblemTypes;
import dev.portcullis.api.Pipeline;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.core.accesslog.AccessLog;
import dev.portcullis.core.accesslog.AccessLogFormat;
import dev.portcullis.core.testing.RecordingLogger;
import dev.portcullis.core.testing.RecordingSlf4jProvider;
import dev.portcullis.servlet.it.AppServlet;
import dev.portcullis.servlet.GatewayFilter;
import dev.portcullis.servlet.it.Http;
import dev.portcullis.servlet.it.RunningServer;
import dev.portcullis.servlet.it.ServletContainer;
import dev.portcullis.servlet.it.TestUpstream;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The access log of the real filter in both containers, as written through SLF4J under {@code dev.portcullis.access}:
 * a proxied request, a stage's rejection (after routing, so on its route) and a client that leaves mid-response
 * each give one line that says so.
 */
class AccessLogOnTheWireTest {
    private static final String CONTAINERS = "dev.portcullis.servlet.it.ServletContainer#all";
    private static final Interceptor DENY_SECRET = Interceptor.named("DenySecret", chain ->
            chain.request().rawPath().endsWith("/secret")
                    ? CompletableFuture.completedFuture(GatewayResponse.problem(
                            Problem.builder(ProblemTypes.FORBIDDEN, 403, "Forbidden").build()))
                    : chain.proceed(chain.request()));

    /** What one exchange left behind: the client's view, the upstream's address and the access log's lines. */
    private record Logged<T>(T client, String upstream, List<RecordingLogger.Line> lines) {
    }

    /**
     * Runs one exchange through a gateway with an access log in {@code format}, waits for its end, and returns the
     * lines the access log wrote.
     */
    private static <T> Logged<T> exchange(ServletContainer container, AccessLogFormat format, HttpHandler upstreamHandler,
                                          Function<RunningServer, T> client) throws Exception {
        CountDownLatch ended = new CountDownLatch(1);
        AccessLog accessLog = AccessLog.builder().format(format).build();
        try (RecordingSlf4jProvider.Capture capture = RecordingSlf4jProvider.capture("dev.portcullis");
             TestUpstream upstream = TestUpstream.start(upstreamHandler);
             RunningServer server = container.start(GatewayFilter.builder()
                     .pipeline(Pipeline.builder().add(Routing.interceptor(RouteTable.of(Route.builder("api")
                             .path("/api/**").upstream(upstream.baseUri()).build()))).add(DENY_SECRET).build())
                     .accessLog(accessLog)
                     .listener(event -> {
                         if (event instanceof ExchangeEvent.Ended) {
                             ended.countDown();
                         }
                     })
                     .build(), new AppServlet())) {
            T seen = client.apply(server);
            assertTrue(ended.await(30, TimeUnit.SECONDS), "the exchange never ended");
            accessLog.close();
            return new Logged<>(seen, upstream.baseUri(), capture.of(AccessLog.LOGGER_NAME));
        }
    }

    private static HttpResponse<String> post(RunningServer server, String path, String body) {
        try {
            return Http.send(HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(20))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static String onlyLine(Logged<?> logged) {
        assertEquals(1, logged.lines().size(), logged.lines().toString());
        return logged.lines().get(0).message();
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aProxiedRequestIsOneLineWithItsRouteUpstreamStatusBytesAndIds(ServletContainer container) throws Exception {
        Logged<HttpResponse<String>> logged = exchange(container, AccessLogFormat.text(), TestUpstream.echo(),
                server -> post(server, "/api/orders?page=2", "hello"));

        HttpResponse<String> response = logged.client();
        String line = onlyLine(logged);
        String id = response.headers().firstValue("X-Request-Id").orElseThrow();
        int bytesOut = response.body().getBytes(StandardCharsets.UTF_8).length;
        assertTrue(Pattern.matches("\\S+Z 127\\.0\\.0\\.1 \"POST /api/orders\" 200 ok in=5 out=" + bytesOut
                + " ms=[0-9.]+ route=api upstream=" + Pattern.quote(logged.upstream()) + " upstream_ms=[0-9.]+"
                + " stage=- id=" + id + " trace=[0-9a-f]{32}", line), line);
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aStagesRejectionNamesTheStageAndTheRoute(ServletContainer container) throws Exception {
        Logged<HttpResponse<String>> logged = exchange(container, AccessLogFormat.text(), TestUpstream.echo(),
                server -> post(server, "/api/secret", ""));

        String line = onlyLine(logged);
        assertEquals(403, logged.client().statusCode());
        assertTrue(line.contains("\"POST /api/secret\" 403 ok in=0 out="
                + logged.client().body().getBytes(StandardCharsets.UTF_8).length + " "), line);
        assertTrue(line.contains(" route=api upstream=- upstream_ms=- stage=DenySecret "), line);
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aClientThatLeavesMidResponseIsLoggedAsAClientAbort(ServletContainer container) throws Exception {
        byte[] chunk = new byte[8192];
        Logged<Integer> logged = exchange(container, AccessLogFormat.json(), exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 50_000; i++) {
                    out.write(chunk);
                    out.flush();
                }
            } catch (IOException clientGone) {
                // the gateway cancelled the upstream exchange: what this test wants
            }
        }, AccessLogOnTheWireTest::readALittleThenReset);

        JsonNode entry = new ObjectMapper().readTree(onlyLine(logged));
        assertTrue(logged.client() > 0, "the client read some bytes first");
        assertEquals("client-abort", entry.get("outcome").asText(), entry.toString());
        assertEquals("/api/stream", entry.get("path").asText());
        assertEquals("api", entry.get("routeId").asText());
        assertEquals(200, entry.get("status").asInt());
        assertTrue(entry.get("upstreamHeadersMs").isNumber());
    }

    /** Reads the first bytes of a streamed answer, then resets the connection. */
    private static Integer readALittleThenReset(RunningServer server) {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write("GET /api/stream HTTP/1.1\r\nHost: gw\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            int read = in.read(new byte[4096]);
            socket.setSoLinger(true, 0);
            return read;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
