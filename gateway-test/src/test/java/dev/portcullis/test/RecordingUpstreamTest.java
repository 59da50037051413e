package dev.portcullis.test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.servlet.it.RawHttp;
import dev.portcullis.test.internal.BoundedHttp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The recording upstream on the wire: what it records, and every way it can answer. */
class RecordingUpstreamTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @RegisterExtension
    final RecordingUpstream upstream = RecordingUpstream.create();

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return BoundedHttp.send(request.timeout(Duration.ofSeconds(10)).build());
    }

    private RawHttp.Response raw(String request) throws IOException {
        return RawHttp.exchange(upstream.port(), request);
    }

    @Test
    void recordsTheMethodTheRawTargetTheHeadersInOrderAndSpellingAndTheBody() throws Exception {
        RawHttp.Response response = raw("PUT /orders/a%2Fb?x=%20y HTTP/1.1\r\nHost: up\r\nX-Trace: one\r\n"
                + "accept: text/plain\r\nX-Trace: two\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello");

        RecordedRequest recorded = upstream.awaitRequests(1, WAIT).get(0);
        assertEquals(200, response.status());
        assertEquals("PUT", recorded.method());
        assertEquals("/orders/a%2Fb?x=%20y", recorded.target());
        assertEquals("/orders/a%2Fb", recorded.rawPath());
        assertEquals(Optional.of("x=%20y"), recorded.rawQuery());
        assertEquals("HTTP/1.1", recorded.version());
        assertEquals(List.of("Host", "X-Trace", "accept", "Content-Length", "Connection"),
                List.copyOf(recorded.headers().names()));
        assertEquals(List.of("one", "two"), recorded.headers().all("x-trace"));
        assertEquals("hello", recorded.bodyText());
        assertEquals(5, recorded.bodyLength());
        assertFalse(recorded.chunked());
        assertTrue(recorded.complete());
    }

    @Test
    void decodesAChunkedBodyAndSaysItWasChunked() throws Exception {
        raw("POST /up HTTP/1.1\r\nHost: up\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + "3;ext=1\r\nabc\r\n4\r\ndefg\r\n0\r\nX-Trailer: t\r\n\r\n");

        RecordedRequest recorded = upstream.awaitRequests(1, WAIT).get(0);
        assertEquals("abcdefg", recorded.bodyText());
        assertTrue(recorded.chunked());
        assertTrue(recorded.complete());
    }

    @Test
    void sends100ContinueBeforeReadingABodyThatWaitsForIt() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", upstream.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /up HTTP/1.1\r\nHost: up\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            assertEquals("HTTP/1.1 100 Continue", RawHttp.line(in));
            assertEquals("", RawHttp.line(in));
            out.write("ok".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();

            assertEquals(200, RawHttp.read(in).status());
        }
        assertEquals("ok", upstream.awaitRequests(1, WAIT).get(0).bodyText());
    }

    @Test
    void keepsTheConnectionOpenForTheNextRequest() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", upstream.port())) {
            socket.setSoTimeout(10_000);
            for (String path : List.of("/one", "/two")) {
                socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: up\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
                assertEquals(200, RawHttp.read(socket.getInputStream()).status());
            }
        }
        assertEquals(List.of("/one", "/two"),
                upstream.awaitRequests(2, WAIT).stream().map(RecordedRequest::target).toList());
    }

    @Test
    void answersWithTheStatusHeadersInOrderAndBodyItWasGiven() throws Exception {
        upstream.answer(Answer.of(201).header("Location", "/orders/7").header("X-Multi", "a")
                .header("X-Multi", "b").body("{\"id\":7}"));

        RawHttp.Response response = raw("GET /orders HTTP/1.1\r\nHost: up\r\nConnection: close\r\n\r\n");

        assertEquals(201, response.status());
        assertEquals(List.of("Location: /orders/7", "X-Multi: a", "X-Multi: b", "Content-Length: 8",
                "Connection: close"), response.headers());
        assertEquals("{\"id\":7}", response.text());
    }

    @Test
    void sendsNoBodyToAHeadRequestAndNoneWithA204() throws Exception {
        upstream.enqueue(Answer.ok().body("not for HEAD"), Answer.of(204).body("never sent"));

        RawHttp.Response head = raw("HEAD /x HTTP/1.1\r\nHost: up\r\nConnection: close\r\n\r\n");
        RawHttp.Response noContent = raw("GET /x HTTP/1.1\r\nHost: up\r\nConnection: close\r\n\r\n");

        assertEquals(List.of("Content-Length: 12", "Connection: close"), head.headers());
        assertEquals(0, head.body().length);
        assertEquals(List.of("Connection: close"), noContent.headers());
        assertEquals(0, noContent.body().length);
    }

    @Test
    void queuedAnswersComeFirstInOrderThenTheStandingOne() throws Exception {
        upstream.answer(Answer.of(202));
        upstream.enqueue(Answer.of(500), Answer.of(503));

        List<Integer> statuses = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            statuses.add(send(HttpRequest.newBuilder(upstream.uri("/x"))).statusCode());
        }

        assertEquals(List.of(500, 503, 202), statuses);
    }

    @Test
    void anAnswerFunctionSeesTheRecordedRequestAndAFailingOneGivesA500() throws Exception {
        upstream.answer(request -> request.rawPath().equals("/boom")
                ? null : Answer.of(200).body(request.method() + " " + request.target()));

        HttpResponse<String> echoed = send(HttpRequest.newBuilder(upstream.uri("/echo?q=1")));
        HttpResponse<String> failed = send(HttpRequest.newBuilder(upstream.uri("/boom")));

        assertEquals("GET /echo?q=1", echoed.body());
        assertEquals(500, failed.statusCode());
        assertTrue(failed.body().startsWith("the test's answer function failed"), failed.body());
    }

    @Test
    void aDelayedAnswerComesNoSoonerThanItsDelay() throws Exception {
        upstream.answer(Answer.of(200).body("late").delay(Duration.ofMillis(300)));
        long start = System.nanoTime();

        HttpResponse<String> response = send(HttpRequest.newBuilder(upstream.uri("/slow")));

        assertEquals("late", response.body());
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(300));
    }

    @Test
    void aHangingAnswerNeverComesAndClosingTheUpstreamEndsIt() throws Exception {
        upstream.answer(Answer.hang());
        HttpRequest request = HttpRequest.newBuilder(upstream.uri("/stuck")).timeout(Duration.ofMillis(300)).build();

        assertThrows(HttpTimeoutException.class, () -> BoundedHttp.send(request));
        try (Socket socket = new Socket("127.0.0.1", upstream.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /stuck HTTP/1.1\r\nHost: up\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            upstream.awaitRequests(2, WAIT);
            CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> readQuietly(socket));

            upstream.close();

            assertEquals(-1, read.get(10, TimeUnit.SECONDS), "closed without a response byte");
        }
    }

    private static int readQuietly(Socket socket) {
        try {
            return socket.getInputStream().read();
        } catch (IOException e) {
            return -1;
        }
    }

    @Test
    void aResetAnswerResetsTheConnectionWithoutAResponse() throws Exception {
        upstream.answer(Answer.reset());

        try (Socket socket = new Socket("127.0.0.1", upstream.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /x HTTP/1.1\r\nHost: up\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));

            SocketException reset = assertThrows(SocketException.class, () -> socket.getInputStream().read());
            assertTrue(reset.getMessage().contains("reset"), reset.getMessage());
        }
        assertEquals(1, upstream.requestCount());
    }

    @Test
    void aBodyCutShortIsRecordedAsIncompleteAndGetsNoAnswer() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", upstream.port())) {
            socket.getOutputStream().write("POST /upload HTTP/1.1\r\nHost: up\r\nContent-Length: 100\r\n\r\n0123456789"
                    .getBytes(StandardCharsets.ISO_8859_1));
            socket.shutdownOutput();

            RecordedRequest recorded = upstream.awaitRequests(1, WAIT).get(0);
            assertFalse(recorded.complete());
            assertEquals(10, recorded.bodyLength());
            socket.setSoTimeout(10_000);
            assertEquals(-1, socket.getInputStream().read());
        }
    }

    @Test
    void keepsTheFirstMebibyteOfALargeBodyAndCountsTheRest() throws Exception {
        byte[] body = new byte[RecordingUpstream.MAX_BODY_BYTES + 4096];
        java.util.Arrays.fill(body, (byte) 'x');

        send(HttpRequest.newBuilder(upstream.uri("/big")).POST(HttpRequest.BodyPublishers.ofByteArray(body)));

        RecordedRequest recorded = upstream.awaitRequests(1, WAIT).get(0);
        assertEquals(body.length, recorded.bodyLength());
        assertArrayEquals(java.util.Arrays.copyOf(body, RecordingUpstream.MAX_BODY_BYTES), recorded.body());
        assertTrue(recorded.complete());
    }

    @Test
    void awaitingMoreRequestsThanArriveFailsInTimeNamingThoseThatDidAndTheRefusedOnes() throws Exception {
        send(HttpRequest.newBuilder(upstream.uri("/only")));
        RawHttp.Response refused = raw("NOT A REQUEST LINE\r\n\r\n");

        AssertionError error = assertThrows(AssertionError.class,
                () -> upstream.awaitRequests(2, Duration.ofMillis(200)));

        assertEquals(400, refused.status());
        assertTrue(error.getMessage().startsWith("the upstream received 1 of 2 requests within PT0.2S: [GET /only"),
                error.getMessage());
        assertTrue(error.getMessage().contains("it refused malformed ones: [not a request line: NOT A REQUEST LINE]"),
                error.getMessage());
    }

    @Test
    void clearForgetsRequestsAndQueuedAnswersButKeepsTheStandingOneAndResetRestoresOk() throws Exception {
        upstream.answer(Answer.of(202));
        upstream.enqueue(Answer.of(500));
        send(HttpRequest.newBuilder(upstream.uri("/before")));
        upstream.enqueue(Answer.of(500));

        upstream.clear();
        int afterClear = send(HttpRequest.newBuilder(upstream.uri("/after"))).statusCode();
        upstream.reset();
        int afterReset = send(HttpRequest.newBuilder(upstream.uri("/after"))).statusCode();

        assertEquals(202, afterClear);
        assertEquals(200, afterReset);
        assertEquals(List.of("/after"), upstream.requests().stream().map(RecordedRequest::target).toList(),
                "reset forgot the request sent after clear");
    }

    @Test
    void aClosedUpstreamStopsListeningAndStartsAgainWhenUsed() throws Exception {
        int port = upstream.port();
        upstream.close();

        Ports.assertNotListening(port);
        assertEquals(200, send(HttpRequest.newBuilder(upstream.uri("/again"))).statusCode());
    }

    @Test
    void answersRefuseSettingsThatCannotApply() {
        assertThrows(IllegalArgumentException.class, () -> Answer.of(99));
        assertThrows(IllegalStateException.class, () -> Answer.hang().delay(Duration.ofSeconds(1)));
        assertThrows(IllegalStateException.class, () -> Answer.reset().body("x"));
        assertThrows(IllegalArgumentException.class, () -> Answer.ok().header("X", "a\r\nInjected: yes"));
        assertEquals("Answer[reset after PT1S]", Answer.reset().delay(Duration.ofSeconds(1)).toString());
    }
}
