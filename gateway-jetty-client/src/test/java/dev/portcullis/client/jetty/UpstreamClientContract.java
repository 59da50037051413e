package dev.portcullis.client.jetty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.portcullis.api.Body;
import dev.portcullis.api.HttpHeaders;
import dev.portcullis.core.client.UpstreamClient;
import dev.portcullis.core.client.UpstreamRequest;
import dev.portcullis.core.client.UpstreamResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link UpstreamClient} contract, run against every implementation over real sockets: the upstream is the
 * JDK's {@link HttpServer} on 127.0.0.1. A subclass supplies the client.
 */
abstract class UpstreamClientContract {
    private static final Duration CONNECT = Duration.ofSeconds(5);
    private static final Duration RESPONSE = Duration.ofSeconds(10);
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, String> seen = new ConcurrentHashMap<>();
    private HttpServer server;
    protected UpstreamClient client;

    /** @return a new client under test */
    protected abstract UpstreamClient newClient();

    @BeforeEach
    void startClient() {
        client = newClient();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
        executor.shutdownNow();
        client.close();
    }

    protected String upstream(HttpHandler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setExecutor(executor);
        server.createContext("/", handler);
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    protected static UpstreamRequest request(String method, String uri, HttpHeaders headers, Body body) {
        return new UpstreamRequest(method, URI.create(uri), headers, body, CONNECT, RESPONSE);
    }

    protected static byte[] bodyOf(UpstreamResponse response) throws Exception {
        Bodies.Collector collector = new Bodies.Collector(true);
        response.body().subscribe(collector);
        return collector.all.get(10, TimeUnit.SECONDS);
    }

    private void record(HttpExchange exchange) throws IOException {
        seen.put("line", exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
        exchange.getRequestHeaders().forEach((name, values) -> seen.put(name.toLowerCase(), String.join(",", values)));
        seen.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Test
    void aGetReturnsStatusHeadersInOrderAndBody() throws Exception {
        String base = upstream(exchange -> {
            record(exchange);
            exchange.getResponseHeaders().add("X-Multi", "one");
            exchange.getResponseHeaders().add("X-Multi", "two");
            reply(exchange, 201, "hello".getBytes(StandardCharsets.UTF_8));
        });
        UpstreamResponse response = client.exchange(request("GET", base + "/a%2Fb/c?q=%20x",
                HttpHeaders.builder().add("X-Tag", "1").add("X-Tag", "2").build(), Body.empty())).get(10, TimeUnit.SECONDS);
        assertEquals(201, response.status());
        assertEquals(List.of("one", "two"), response.headers().all("X-Multi"));
        assertEquals(5, response.body().contentLength());
        assertEquals("hello", new String(bodyOf(response), StandardCharsets.UTF_8));
        assertEquals("GET /a%2Fb/c?q=%20x", seen.get("line"));
        assertEquals("1,2", seen.get("x-tag"));
    }

    @Test
    void aBodylessGetIsSentWithoutAnyFramingHeader() throws Exception {
        String base = upstream(exchange -> {
            record(exchange);
            reply(exchange, 204, new byte[0]);
        });
        UpstreamResponse response = client.exchange(request("GET", base + "/", HttpHeaders.empty(), Body.empty()))
                .get(10, TimeUnit.SECONDS);
        assertEquals(0, bodyOf(response).length);
        assertNull(seen.get("transfer-encoding"));
        if (!sendsContentLengthZeroOnEveryRequest()) {
            assertNull(seen.get("content-length"));
        }
    }

    /** @return whether the client cannot help sending {@code Content-Length: 0} (the JDK's on Java 17 and 18) */
    protected boolean sendsContentLengthZeroOnEveryRequest() {
        return false;
    }

    @Test
    void aBodyOfKnownLengthIsSentWithContentLengthAndUnknownLengthChunked() throws Exception {
        String base = upstream(exchange -> {
            record(exchange);
            reply(exchange, 200, new byte[0]);
        });
        bodyOf(client.exchange(request("POST", base + "/", HttpHeaders.empty(), Body.of("12345")))
                .get(10, TimeUnit.SECONDS));
        assertEquals("5", seen.get("content-length"));
        assertEquals("12345", seen.get("body"));
        Bodies.Feed feed = new Bodies.Feed(-1);
        var pending = client.exchange(request("POST", base + "/", HttpHeaders.empty(), feed));
        feed.send("ab");
        feed.send("cd");
        feed.close();
        bodyOf(pending.get(10, TimeUnit.SECONDS));
        assertEquals("chunked", seen.get("transfer-encoding"));
        assertEquals("abcd", seen.get("body"));
    }

    @Test
    void theRequestBodyStreamsUpBeforeThePublisherHasFinished() throws Exception {
        CountDownLatch firstArrived = new CountDownLatch(1);
        String base = upstream(exchange -> {
            byte[] first = exchange.getRequestBody().readNBytes(5);
            firstArrived.countDown();
            byte[] rest = exchange.getRequestBody().readAllBytes();
            reply(exchange, 200, (new String(first, StandardCharsets.UTF_8) + "|"
                    + new String(rest, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        });
        Bodies.Feed feed = new Bodies.Feed(10);
        var pending = client.exchange(request("PUT", base + "/", HttpHeaders.empty(), feed));
        feed.send("first");
        assertTrue(firstArrived.await(10, TimeUnit.SECONDS), "the first chunk did not reach the upstream alone");
        feed.send("later");
        feed.close();
        assertEquals("first|later", new String(bodyOf(pending.get(10, TimeUnit.SECONDS)), StandardCharsets.UTF_8));
    }

    @Test
    void theResponseBodyStreamsDownOnDemand() throws Exception {
        CountDownLatch firstReceived = new CountDownLatch(1);
        String base = upstream(exchange -> {
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write("one".getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                firstReceived.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.write("two".getBytes(StandardCharsets.UTF_8));
            exchange.close();
        });
        UpstreamResponse response = client.exchange(request("GET", base + "/", HttpHeaders.empty(), Body.empty()))
                .get(10, TimeUnit.SECONDS);
        assertEquals(-1, response.body().contentLength());
        Bodies.Collector collector = new Bodies.Collector(false);
        response.body().subscribe(collector);
        assertEquals("one", collector.chunks.poll(10, TimeUnit.SECONDS));
        firstReceived.countDown();
        assertNull(collector.chunks.poll(200, TimeUnit.MILLISECONDS), "a chunk arrived without demand");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!collector.all.isDone() && System.nanoTime() < deadline) {
            collector.subscription.request(1);
            collector.chunks.poll(50, TimeUnit.MILLISECONDS);
        }
        assertEquals("onetwo", new String(collector.all.get(1, TimeUnit.SECONDS), StandardCharsets.UTF_8));
    }

    @Test
    void redirectsAreReturnedNotFollowed() throws Exception {
        String base = upstream(exchange -> {
            exchange.getResponseHeaders().add("Location", "/elsewhere");
            exchange.getResponseHeaders().add("Set-Cookie", "s=1; Path=/");
            reply(exchange, 302, new byte[0]);
        });
        UpstreamResponse response = client.exchange(request("GET", base + "/old", HttpHeaders.empty(), Body.empty()))
                .get(10, TimeUnit.SECONDS);
        assertEquals(302, response.status());
        assertEquals("/elsewhere", response.headers().first("Location").orElseThrow());
        bodyOf(response);
        String again = upstream(exchange -> {
            record(exchange);
            reply(exchange, 200, new byte[0]);
        });
        bodyOf(client.exchange(request("GET", again + "/", HttpHeaders.empty(), Body.empty())).get(10, TimeUnit.SECONDS));
        assertNull(seen.get("cookie"), "a cookie was stored and sent back");
    }

    @Test
    void gzipBodiesPassThroughUndecodedAndNoAcceptEncodingIsAdded() throws Exception {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write("plain text".getBytes(StandardCharsets.UTF_8));
        }
        String base = upstream(exchange -> {
            record(exchange);
            exchange.getResponseHeaders().add("Content-Encoding", "gzip");
            reply(exchange, 200, zipped.toByteArray());
        });
        UpstreamResponse response = client.exchange(request("GET", base + "/", HttpHeaders.empty(), Body.empty()))
                .get(10, TimeUnit.SECONDS);
        assertEquals("gzip", response.headers().first("Content-Encoding").orElseThrow());
        assertArrayEquals(zipped.toByteArray(), bodyOf(response));
        assertNull(seen.get("accept-encoding"));
    }

    @Test
    void slowResponseHeadersFailWithAnHttpTimeoutException() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        String base = upstream(exchange -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reply(exchange, 200, new byte[0]);
        });
        UpstreamRequest slow = new UpstreamRequest("GET", URI.create(base + "/"), HttpHeaders.empty(), Body.empty(),
                CONNECT, Duration.ofMillis(300));
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> client.exchange(slow).get(10, TimeUnit.SECONDS));
        release.countDown();
        assertInstanceOf(HttpTimeoutException.class, failure.getCause());
    }

    @Test
    void anUploadThatTakesLongerThanTheResponseTimeoutIsNotCutShort() throws Exception {
        CountDownLatch firstChunkArrived = new CountDownLatch(1);
        String base = upstream(exchange -> {
            readAll(exchange, firstChunkArrived);
            reply(exchange, 200, new byte[0]);
        });
        TrickleBody body = new TrickleBody();
        Duration timeout = Duration.ofMillis(300);
        CompletableFuture<UpstreamResponse> response = client.exchange(new UpstreamRequest("POST",
                URI.create(base + "/"), HttpHeaders.empty(), body, CONNECT, timeout));
        assertTrue(firstChunkArrived.await(10, TimeUnit.SECONDS), "the upload started");

        assertThrows(TimeoutException.class, () -> response.get(timeout.toMillis() * 3, TimeUnit.MILLISECONDS),
                "no response timeout while the body is still being sent");
        body.finish();

        assertEquals(200, response.get(10, TimeUnit.SECONDS).status());
    }

    @Test
    void theResponseTimeoutRunsFromTheEndOfTheUpload() throws Exception {
        CountDownLatch firstChunkArrived = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        String base = upstream(exchange -> {
            readAll(exchange, firstChunkArrived);
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reply(exchange, 200, new byte[0]);
        });
        TrickleBody body = new TrickleBody();
        Duration timeout = Duration.ofMillis(300);
        CompletableFuture<UpstreamResponse> response = client.exchange(new UpstreamRequest("POST",
                URI.create(base + "/"), HttpHeaders.empty(), body, CONNECT, timeout));
        assertTrue(firstChunkArrived.await(10, TimeUnit.SECONDS), "the upload started");
        body.finish();
        long sent = System.nanoTime();

        ExecutionException failure = assertThrows(ExecutionException.class, () -> response.get(10, TimeUnit.SECONDS));
        release.countDown();

        assertInstanceOf(HttpTimeoutException.class, failure.getCause());
        assertTrue(System.nanoTime() - sent >= timeout.toNanos() * 9 / 10, "the clock started after the body");
    }

    @Test
    void aResponseBodyThatStallsLongerThanTheIdleTimeoutFailsWithAnHttpTimeoutException() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        String base = upstream(exchange -> {
            exchange.sendResponseHeaders(200, 10);
            exchange.getResponseBody().write("ab".getBytes(StandardCharsets.US_ASCII));
            exchange.getResponseBody().flush();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        Duration idle = Duration.ofMillis(300);
        UpstreamResponse response = client.exchange(new UpstreamRequest("GET", URI.create(base + "/"),
                HttpHeaders.empty(), Body.empty(), CONNECT, RESPONSE, idle)).get(10, TimeUnit.SECONDS);
        long started = System.nanoTime();

        ExecutionException failure = assertThrows(ExecutionException.class, () -> bodyOf(response));
        release.countDown();

        assertInstanceOf(HttpTimeoutException.class, failure.getCause());
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5), "failed within about the idle timeout");
    }

    private static void readAll(HttpExchange exchange, CountDownLatch firstChunkArrived) throws IOException {
        byte[] buffer = new byte[8192];
        while (exchange.getRequestBody().read(buffer) >= 0) {
            firstChunkArrived.countDown();
        }
    }

    @Test
    void aRefusedConnectionFailsWithAnIOExceptionThatIsNoTimeout() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        ExecutionException failure = assertThrows(ExecutionException.class, () -> client.exchange(
                request("GET", "http://127.0.0.1:" + closedPort + "/", HttpHeaders.empty(), Body.empty()))
                .get(10, TimeUnit.SECONDS));
        assertInstanceOf(IOException.class, failure.getCause());
        assertFalse(failure.getCause() instanceof HttpTimeoutException);
    }

    @Test
    void cancellingTheResponseBodyClosesTheUpstreamConnection() throws Exception {
        CountDownLatch upstreamSawClose = new CountDownLatch(1);
        String base = upstream(exchange -> {
            exchange.sendResponseHeaders(200, 0);
            byte[] block = new byte[8192];
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 100_000; i++) {
                    out.write(block);
                    out.flush();
                }
            } catch (IOException expected) {
                upstreamSawClose.countDown();
            }
        });
        UpstreamResponse response = client.exchange(request("GET", base + "/", HttpHeaders.empty(), Body.empty()))
                .get(10, TimeUnit.SECONDS);
        Bodies.Collector collector = new Bodies.Collector(false);
        response.body().subscribe(collector);
        assertTrue(collector.chunks.poll(10, TimeUnit.SECONDS) != null, "no first chunk");
        collector.subscription.cancel();
        assertTrue(upstreamSawClose.await(10, TimeUnit.SECONDS), "the upstream connection stayed open");
    }
}
