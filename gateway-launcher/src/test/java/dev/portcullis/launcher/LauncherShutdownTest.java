package dev.portcullis.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The launcher as an operator runs it: a child JVM at {@code -Xmx128m} stopped with SIGTERM
 * ({@link Process#destroy()}), with exchanges in flight to an upstream that holds them.
 */
class LauncherShutdownTest {
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");

    private final ExecutorService upstreamThreads = Executors.newFixedThreadPool(400);
    private final CountDownLatch release = new CountDownLatch(1);
    private final Semaphore arrived = new Semaphore(0);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private HttpServer upstream;
    private Process gateway;

    @BeforeEach
    void startUpstreamThatHoldsEveryRequestUntilReleased() throws IOException {
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        upstream.setExecutor(upstreamThreads);
        upstream.createContext("/", exchange -> {
            arrived.release();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "finished".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        upstream.start();
    }

    @AfterEach
    void stopEverything() {
        if (gateway != null) {
            gateway.destroyForcibly();
        }
        release.countDown();
        upstream.stop(0);
        upstreamThreads.shutdownNow();
    }

    private int startGateway(String drainTimeout) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        gateway = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "--port", "0", "--drain-timeout", drainTimeout,
                "--route", "/api=http://127.0.0.1:" + upstream.getAddress().getPort())
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(gateway.getInputStream(), StandardCharsets.UTF_8));
        String port = CompletableFuture.supplyAsync(() -> portPrinted(out)).get(30, TimeUnit.SECONDS);
        Thread drainOutput = new Thread(() -> out.lines().forEach(line -> { }), "gateway-output");
        drainOutput.setDaemon(true);
        drainOutput.start();
        assertTrue(port.matches("\\d+"), "the launcher printed no port: " + port);
        return Integer.parseInt(port);
    }

    private static String portPrinted(BufferedReader out) {
        try {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                Matcher port = LISTENING.matcher(line);
                if (port.find()) {
                    return port.group(1);
                }
            }
            return "the output ended";
        } catch (IOException e) {
            return e.toString();
        }
    }

    private CompletableFuture<HttpResponse<String>> send(int port) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/held"))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean completesWithin(CompletableFuture<?> future, int seconds) throws InterruptedException {
        try {
            future.get(seconds, TimeUnit.SECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        }
    }

    private static boolean accepts(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    @Test
    void sigtermLetsAnExchangeInFlightFinishBeforeTheProcessEnds() throws Exception {
        int port = startGateway("20s");
        CompletableFuture<HttpResponse<String>> inFlight = send(port);
        assertTrue(arrived.tryAcquire(30, TimeUnit.SECONDS), "the request reached the upstream");

        gateway.destroy();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (accepts(port) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertFalse(accepts(port), "the stopping gateway still accepts connections");
        assertTrue(gateway.isAlive(), "the gateway waits for its exchange in flight");
        release.countDown();

        HttpResponse<String> response = inFlight.get(30, TimeUnit.SECONDS);
        assertEquals(200, response.statusCode());
        assertEquals("finished", response.body());
        assertTrue(gateway.waitFor(20, TimeUnit.SECONDS), "the gateway ended once its exchange finished");
    }

    @Test
    void sigtermUnderOverloadEndsTheProcessWithinTheDrainDeadline() throws Exception {
        int port = startGateway("2s");
        List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            held.add(send(port));
        }
        assertTrue(arrived.tryAcquire(50, 30, TimeUnit.SECONDS), "requests reached the upstream");

        long stopped = System.nanoTime();
        gateway.destroy();
        assertTrue(gateway.waitFor(12, TimeUnit.SECONDS), "the gateway still runs 12 s after SIGTERM");
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopped);
        assertTrue(tookMillis >= 1_500, "ended after " + tookMillis + " ms, before the 2 s drain deadline");
        CompletableFuture<?> everyRequestEnded = CompletableFuture.allOf(held.stream()
                .map(response -> response.handle((answer, cut) -> answer)).toArray(CompletableFuture[]::new));
        assertTrue(completesWithin(everyRequestEnded, 10), "requests left hanging after the gateway ended");
    }
}
