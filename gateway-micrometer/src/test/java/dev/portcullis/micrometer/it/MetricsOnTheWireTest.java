package dev.portcullis.micrometer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.Interceptor;
import dev.portcullis.api.Problem;
import dev.portcullis.api.routing.Route;
import dev.portcullis.micrometer.GatewayMetrics;
import dev.portcullis.servlet.GatewayFilter;
import dev.portcullis.servlet.it.AppServlet;
import dev.portcullis.servlet.it.Gateways;
import dev.portcullis.servlet.it.Http;
import dev.portcullis.servlet.it.RunningServer;
import dev.portcullis.servlet.it.ServletContainer;
import dev.portcullis.servlet.it.TestUpstream;
import io.micrometer.core.instrument.Meter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The metrics of a real {@link GatewayFilter} in both containers, a real upstream and real sockets: whatever paths and
 * methods clients send, the time series stay those of the configured routes, stages and instances.
 */
class MetricsOnTheWireTest {
    private static final String CONTAINERS = "dev.portcullis.servlet.it.ServletContainer#all";
    private static final int REQUESTS = 10_000;
    private static final String MARKER = "zq";
    private static final Interceptor SEVENS = Interceptor.named("NoSevens", chain ->
            CompletableFuture.completedFuture(chain.request().rawPath().endsWith("7")
                    ? GatewayResponse.problem(Problem.builder("https://example.test/problems/seven", 403, "Seven")
                            .build())
                    : null)
                    .thenCompose(answer -> answer != null ? CompletableFuture.completedFuture(answer)
                            : chain.proceed(chain.request())));

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    private GatewayFilter gateway(GatewayMetrics metrics, String upstream) {
        GatewayFilter filter = Gateways.builder(List.of(SEVENS),
                        Route.builder("api").path("/api/**").upstream(upstream).build(),
                        Route.builder("dead").path("/dead/**").upstream("http://127.0.0.1:1").build())
                .listener(metrics)
                .build();
        metrics.bindTo(filter.gateway());
        return filter;
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void tenThousandDistinctPathsAndMethodsLeaveOnlyTheTimeSeriesOfConfiguredNames(ServletContainer container)
            throws Exception {
        onTheWire(container, (server, upstream) -> {
            AtomicIntegerArray statusClasses = sendDistinctRequests(server);

            assertEquals(REQUESTS, statusClasses.get(2) + statusClasses.get(4), "every request answered 2xx or 4xx");
            assertTrue(statusClasses.get(4) >= REQUESTS / 10, "the NoSevens stage rejected a tenth: " + statusClasses);
            awaitEnded(REQUESTS);
            String scrape = registry.scrape();
            assertFalse(scrape.contains(MARKER), "no path or method reached a tag");
            assertEquals(Set.of("api", "none"), tagValues(GatewayMetrics.REQUESTS, "route"));
            assertEquals(Set.of("GET", "other"), tagValues(GatewayMetrics.REQUESTS, "method"));
            assertEquals(Set.of("NoSevens"), tagValues(GatewayMetrics.REJECTIONS, "stage"));
            long series = registry.getMeters().stream().filter(m -> m.getId().getName().startsWith("portcullis")).count();
            assertTrue(series <= 20, "time series stay few: " + series + "\n" + scrape);
            assertEquals(0, registry.find(GatewayMetrics.REQUESTS_ACTIVE).gauge().value());
        });
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aDeadUpstreamIsTimedAsUnavailableForItsInstanceAndItsRouteAs5xx(ServletContainer container)
            throws Exception {
        onTheWire(container, (server, upstream) -> {
            assertEquals(502, Http.get(server.uri("/dead/x")).statusCode());
            assertEquals(200, Http.get(server.uri("/api/x")).statusCode());
            awaitEnded(2);

            assertEquals(1, registry.find(GatewayMetrics.UPSTREAM_REQUESTS)
                    .tags("instance", "http://127.0.0.1:1", "status", "none", "outcome", "unavailable").timer().count());
            assertEquals(1, registry.find(GatewayMetrics.UPSTREAM_REQUESTS)
                    .tags("instance", upstream, "status", "2xx", "outcome", "answered").timer().count());
            assertEquals(1, registry.find(GatewayMetrics.REQUESTS)
                    .tags("route", "dead", "method", "GET", "status", "5xx", "outcome", "completed").timer().count());
            assertTrue(registry.scrape().contains("portcullis_requests_seconds_bucket{method=\"GET\",outcome="
                    + "\"completed\",route=\"api\",status=\"2xx\",le=\"0.005\"}"), registry.scrape());
        });
    }

    /** Runs {@code check} against the gateway in {@code container} in front of an echoing upstream. */
    private void onTheWire(ServletContainer container, Check check) throws Exception {
        GatewayMetrics metrics = GatewayMetrics.builder(registry).build();
        try (TestUpstream upstream = TestUpstream.start(TestUpstream.echo());
             RunningServer server = container.start(gateway(metrics, upstream.baseUri()), new AppServlet())) {
            check.run(server, upstream.baseUri());
        }
    }

    /** Assertions against a running gateway. */
    @FunctionalInterface
    private interface Check {
        void run(RunningServer server, String upstream) throws Exception;
    }

    /** Sends {@link #REQUESTS} requests, at most 16 at once and for at most two minutes; counts the status classes. */
    private static AtomicIntegerArray sendDistinctRequests(RunningServer server) throws InterruptedException {
        AtomicIntegerArray statusClasses = new AtomicIntegerArray(6);
        Semaphore inFlight = new Semaphore(16);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        for (int i = 0; i < REQUESTS; i++) {
            assertTrue(inFlight.tryAcquire(deadline - System.nanoTime(), TimeUnit.NANOSECONDS), "sent " + i + " in 2 min");
            String path = (i % 2 == 0 ? "/api/" : "/app/") + MARKER + i + (i % 10 == 1 ? "7" : "");
            HttpRequest request = HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(20))
                    .method(i % 5 == 0 ? "ZQ" + i : "GET", HttpRequest.BodyPublishers.noBody()).build();
            Http.client().sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                if (response != null) {
                    statusClasses.incrementAndGet(response.statusCode() / 100);
                }
                inFlight.release();
            });
        }
        assertTrue(inFlight.tryAcquire(16, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS),
                "all answered in 2 min");
        return statusClasses;
    }

    /** Waits (at most 20 s) until the request timers have counted {@code count} ended exchanges. */
    private void awaitEnded(long count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (ended() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(count, ended());
    }

    private long ended() {
        return registry.find(GatewayMetrics.REQUESTS).timers().stream().mapToLong(timer -> timer.count()).sum();
    }

    private Set<String> tagValues(String name, String tag) {
        Set<String> values = new TreeSet<>();
        for (Meter meter : registry.find(name).meters()) {
            values.add(meter.getId().getTag(tag));
        }
        return values;
    }
}
