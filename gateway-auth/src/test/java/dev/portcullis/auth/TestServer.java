package dev.portcullis.auth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real HTTP server on 127.0.0.1 whose one endpoint the test controls: what it answers (status and body), whether
 * it stalls until closed (before the headers, or in the middle of the body), and how many requests it has seen.
 */
public final class TestServer implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger hits = new AtomicInteger();
    private final java.util.concurrent.Semaphore served = new java.util.concurrent.Semaphore(0);
    private final java.util.concurrent.Semaphore arrived = new java.util.concurrent.Semaphore(0);
    private final AtomicReference<String> body = new AtomicReference<>("{}");
    private final AtomicReference<String> lastRequestBody = new AtomicReference<>();
    private final AtomicReference<String> lastAuthorization = new AtomicReference<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile int status = 200;
    private volatile boolean stall;
    private volatile boolean stallBody;
    private volatile String cacheControl;

    public TestServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        hits.incrementAndGet();
        lastRequestBody.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        lastAuthorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
        arrived.release();
        if (stall) {
            awaitRelease();
        }
        byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (cacheControl != null) {
            exchange.getResponseHeaders().set("Cache-Control", cacheControl);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        if (stallBody) {
            exchange.getResponseBody().write(bytes, 0, bytes.length / 2);
            exchange.getResponseBody().flush();
            awaitRelease();
        }
        exchange.getResponseBody().write(bytes);
        exchange.close();
        served.release();
    }

    private void awaitRelease() {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/endpoint");
    }

    public void answer(int status, String body) {
        this.status = status;
        this.body.set(body);
    }

    public void stall() {
        stall = true;
    }

    /** @param on send the headers and half the body, then nothing more until closed (while on) */
    public void stallBody(boolean on) {
        stallBody = on;
    }

    public void cacheControl(String value) {
        cacheControl = value;
    }

    /** Waits (at most 5 s) until {@code count} responses have been sent since the last call. */
    public boolean awaitServed(int count) throws InterruptedException {
        return served.tryAcquire(count, 5, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** Waits (at most 5 s) until {@code count} requests have arrived since the last call. */
    public boolean awaitArrived(int count) throws InterruptedException {
        return arrived.tryAcquire(count, 5, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** Lets every stalled and every later request be answered. */
    public void release() {
        release.countDown();
    }

    public int hits() {
        return hits.get();
    }

    public String lastRequestBody() {
        return lastRequestBody.get();
    }

    public String lastAuthorization() {
        return lastAuthorization.get();
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
