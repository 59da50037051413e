package dev.portcullis.servlet.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.portcullis.api.Body;
import dev.portcullis.api.HttpHeaders;
import dev.portcullis.servlet.internal.Subscriptions;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The response-header timeout starts when the request body has been sent, not when the exchange starts. */
class JdkResponseTimeoutTest {
    private static final Duration RESPONSE_TIMEOUT = Duration.ofMillis(300);

    private final CountDownLatch firstChunkArrived = new CountDownLatch(1);
    private final CountDownLatch upstreamMayAnswer = new CountDownLatch(1);
    private HttpServer upstream;
    private JdkUpstreamClient client;

    @BeforeEach
    void start() throws Exception {
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        upstream.createContext("/answers", exchange -> {
            readBody(exchange.getRequestBody());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        upstream.createContext("/silent", exchange -> {
            readBody(exchange.getRequestBody());
            awaitQuietly(upstreamMayAnswer);
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        upstream.start();
        client = JdkUpstreamClient.create();
    }

    @AfterEach
    void stop() {
        upstreamMayAnswer.countDown();
        client.close();
        upstream.stop(0);
    }

    @Test
    void anUploadThatTakesLongerThanTheResponseTimeoutStillGetsTheUpstreamsAnswer() throws Exception {
        TwoChunkBody body = new TwoChunkBody();
        CompletableFuture<UpstreamResponse> response = client.exchange(post("/answers", body));
        assertTrue(firstChunkArrived.await(10, TimeUnit.SECONDS), "the upload started");

        assertThrows(TimeoutException.class, () -> response.get(RESPONSE_TIMEOUT.toMillis() * 3, TimeUnit.MILLISECONDS),
                "no timeout while the body is still being sent");
        body.sendLastChunk();

        UpstreamResponse answer = response.get(10, TimeUnit.SECONDS);
        assertEquals(200, answer.status());
        Subscriptions.cancel(answer.body());
    }

    @Test
    void anUpstreamThatStaysSilentAfterTheBodyTimesOutWithHttpTimeoutException() throws Exception {
        TwoChunkBody body = new TwoChunkBody();
        CompletableFuture<UpstreamResponse> response = client.exchange(post("/silent", body));
        assertTrue(firstChunkArrived.await(10, TimeUnit.SECONDS), "the upload started");
        body.sendLastChunk();
        long sent = System.nanoTime();

        ExecutionException failure = assertThrows(ExecutionException.class, () -> response.get(10, TimeUnit.SECONDS));

        assertInstanceOf(HttpTimeoutException.class, failure.getCause());
        assertTrue(System.nanoTime() - sent >= RESPONSE_TIMEOUT.toNanos() * 9 / 10, "the clock started after the body");
    }

    private UpstreamRequest post(String path, Body body) {
        return new UpstreamRequest("POST", URI.create("http://127.0.0.1:" + upstream.getAddress().getPort() + path),
                HttpHeaders.empty(), body, Duration.ofSeconds(5), RESPONSE_TIMEOUT);
    }

    private void readBody(InputStream in) throws java.io.IOException {
        byte[] buffer = new byte[8192];
        while (in.read(buffer) >= 0) {
            firstChunkArrived.countDown();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A chunked body: one chunk at once, the second and the end only when the test says so. */
    private static final class TwoChunkBody implements Body {
        private final CompletableFuture<Flow.Subscriber<? super ByteBuffer>> subscriber = new CompletableFuture<>();
        private long demand;
        private int sent;
        private boolean lastReleased;

        @Override
        public long contentLength() {
            return -1;
        }

        @Override
        public void subscribe(Flow.Subscriber<? super ByteBuffer> s) {
            s.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                    synchronized (TwoChunkBody.this) {
                        demand += n;
                    }
                    pump();
                }

                @Override
                public void cancel() {
                }
            });
            subscriber.complete(s);
            pump();
        }

        void sendLastChunk() {
            synchronized (this) {
                lastReleased = true;
            }
            pump();
        }

        private void pump() {
            Flow.Subscriber<? super ByteBuffer> s = subscriber.getNow(null);
            if (s == null) {
                return;
            }
            ByteBuffer next = null;
            boolean complete = false;
            synchronized (this) {
                if (demand > 0 && (sent == 0 || (sent == 1 && lastReleased))) {
                    demand--;
                    next = ByteBuffer.wrap(("chunk " + sent + "\n").getBytes(StandardCharsets.US_ASCII));
                    sent++;
                    complete = sent == 2;
                }
            }
            if (next != null) {
                s.onNext(next);
            }
            if (complete) {
                s.onComplete();
            }
        }
    }
}
