package dev.portcullis.benchmarks.failover;

import dev.portcullis.api.Pipeline;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.core.resilience.HealthCheck;
import dev.portcullis.core.resilience.OutlierEjection;
import dev.portcullis.core.resilience.Resilience;
import dev.portcullis.core.resilience.Retries;
import dev.portcullis.servlet.GatewayFilter;
import dev.portcullis.servlet.container.SlowClientLimits;
import dev.portcullis.test.Container;
import dev.portcullis.test.RunningGateway;
import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * One bounded failover measurement, twice: the gateway (the real {@link GatewayFilter} in embedded Jetty, started by
 * the test kit's {@link Container#JETTY}, with the upstream client it creates) routes {@code /api/**} over three {@link Instances}; {@code CLIENTS} threads send
 * {@code GET}s back to back for {@code SECONDS}; {@code KILL_AT} seconds in, the third instance is stopped. The first
 * run has resilience on, as one would run it in production: passive outlier ejection, budgeted retries on connect
 * failures and resets, active health checks; the second has none (no ejection, checks or retries). For each it
 * prints requests, error rate (anything but a 200, or no answer) and p50/p99 before the kill, in the
 * {@value Samples#DURING_SECONDS} s after it, and after that. An unreported {@value #WARM_UP_SECONDS} s run comes
 * first. Everything binds 127.0.0.1 and stops by itself.
 *
 * <p>Usage: {@code Failover [SECONDS [KILL_AT [CLIENTS]]]}, default {@code 20 8 16}.
 */
public final class Failover {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    /** The unreported run first, so neither measured run pays for the JIT. */
    private static final int WARM_UP_SECONDS = 6;

    private Failover() {
    }

    /**
     * Runs both measurements and prints them.
     *
     * @param args seconds per run, the second of the kill, client threads
     * @throws Exception if a server cannot start
     */
    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int killAt = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        if (killAt <= 0 || killAt >= seconds || clients < 1) {
            System.err.println("usage: Failover [SECONDS [KILL_AT [CLIENTS]]], 0 < KILL_AT < SECONDS");
            System.exit(2);
        }
        System.out.printf("three instances, %d clients, %d s per run, the third instance killed at %d s%n",
                clients, seconds, killAt);
        run(resilient(), WARM_UP_SECONDS, WARM_UP_SECONDS - 1, clients); // JIT and pools, not reported
        System.out.print("resilience on (ejection after 5 failures, 2 retries within a 20 % budget, checks every 2 s)\n"
                + run(resilient(), seconds, killAt, clients).report());
        System.out.print("resilience off (round-robin over all three, no ejection, checks or retries)\n"
                + run(Resilience.builder().outlierEjection(OutlierEjection.off()).build(), seconds, killAt, clients)
                        .report());
    }

    /** @return the production-like resilience of the first run */
    static Resilience resilient() {
        return Resilience.builder()
                .outlierEjection(OutlierEjection.builder().consecutiveFailures(5)
                        .baseEjectionTime(Duration.ofSeconds(30)).maxEjectedPercent(50).build())
                .retries(Retries.builder().maxRetries(2).budget(20, 3)
                        .perTryTimeout(Duration.ofSeconds(1)).overallTimeout(Duration.ofSeconds(3)).build())
                .healthCheck(HealthCheck.builder("/health").interval(Duration.ofSeconds(2))
                        .timeout(Duration.ofSeconds(1)).unhealthyThreshold(2).healthyThreshold(2).build())
                .build();
    }

    /**
     * @param resilience the route's resilience
     * @param seconds how long the load runs
     * @param killAt when the third instance is stopped
     * @param clients how many client threads send requests back to back
     * @return what the clients saw
     * @throws Exception if a server cannot start
     */
    static Samples run(Resilience resilience, int seconds, int killAt, int clients) throws Exception {
        try (Instances instances = new Instances(3)) {
            Route.Builder route = Route.builder("api").path("/api/**").responseTimeout(Duration.ofSeconds(2))
                    .metadata(Resilience.KEY, resilience);
            instances.uris().forEach(route::upstream);
            GatewayFilter filter = GatewayFilter.builder().drainTimeout(Duration.ZERO)
                    .pipeline(Pipeline.builder().add(Routing.interceptor(RouteTable.of(route.build()))).build())
                    .build();
            HttpServlet neverReached = new HttpServlet() { // every request is routed
            };
            try (RunningGateway gateway = Container.JETTY.start(filter, neverReached, SlowClientLimits.defaults())) {
                return load(gateway.uri("/api/orders"), instances, seconds, killAt, clients);
            }
        }
    }

    private static Samples load(URI target, Instances instances, int seconds, int killAt, int clients)
            throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(target).timeout(REQUEST_TIMEOUT).GET().build();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        Samples samples = new Samples(TimeUnit.SECONDS.toNanos(killAt));
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                running.add(threads.submit(() -> sendUntil(http, request, start, end, samples)));
            }
            TimeUnit.NANOSECONDS.sleep(start + TimeUnit.SECONDS.toNanos(killAt) - System.nanoTime());
            instances.kill(2);
            for (Future<?> client : running) {
                client.get(seconds + REQUEST_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        return samples;
    }

    private static void sendUntil(HttpClient http, HttpRequest request, long start, long end, Samples samples) {
        for (long sent = System.nanoTime(); sent < end; sent = System.nanoTime()) {
            boolean ok;
            try {
                ok = http.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode() == 200;
            } catch (java.io.IOException e) {
                ok = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            samples.add(sent - start, System.nanoTime() - sent, ok);
        }
    }
}
