package dev.portcullis.benchmarks.metrics;

import dev.portcullis.api.ExchangeEvent;
import dev.portcullis.api.ExchangeEvent.Outcome;
import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.micrometer.GatewayMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What {@link GatewayMetrics} adds to one proxied request on the plain route: the four events of the exchange
 * ({@code Started}, {@code UpstreamCalled}, {@code UpstreamAnswered}, {@code Ended}), built once, recorded into
 * Micrometer's Prometheus registry (in-flight gauge, upstream timer, request timer with its eleven buckets, response
 * size). The events' own allocation is the gateway's, measured by {@code ProxyOverheadBenchmark} with
 * {@code listener=counting}.
 *
 * <pre>{@code
 * bench/jmh.sh MetricsListener -f 1 -wi 3 -i 5 -w 1 -r 1 -prof gc
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MetricsListenerBenchmark {
    private static final URI INSTANCE = URI.create("http://127.0.0.1:9001");

    private GatewayMetrics metrics;
    private ExchangeEvent.Started started;
    private ExchangeEvent.UpstreamCalled called;
    private ExchangeEvent.UpstreamAnswered answered;
    private ExchangeEvent ended;

    /** Builds the listener and the events of one exchange on the route {@code api}. */
    @Setup
    public void setUp() {
        metrics = GatewayMetrics.builder(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)).build();
        GatewayRequest request = GatewayRequest.builder().id("0123456789abcdef").method("GET").authority("gw")
                .rawPath("/api/hello").clientAddress(InetAddress.getLoopbackAddress()).build();
        RouteTable routes = RouteTable.of(Route.builder("api").path("/api/**").upstream(INSTANCE.toString()).build());
        GatewayRequest routed = request.withAttribute(Routing.MATCH, routes.route(request).orElseThrow());
        started = new ExchangeEvent.Started(request.id(), "GET", "/api/hello", InetAddress.getLoopbackAddress(), 0,
                Optional.empty());
        called = new ExchangeEvent.UpstreamCalled(request.id(), "api", INSTANCE);
        answered = new ExchangeEvent.UpstreamAnswered(request.id(), INSTANCE, 200, Duration.ofMillis(1));
        ended = new ExchangeEvent.Ended(request.id(), Optional.of(routed), 200, Outcome.COMPLETED, 1024,
                Duration.ofMillis(2), started, 0, Optional.empty(), Optional.of(called), Optional.of(answered),
                Optional.empty());
    }

    /** @return the listener, so the JIT keeps the work */
    @Benchmark
    public GatewayMetrics oneExchange() {
        metrics.onEvent(started);
        metrics.onEvent(called);
        metrics.onEvent(answered);
        metrics.onEvent(ended);
        return metrics;
    }
}
