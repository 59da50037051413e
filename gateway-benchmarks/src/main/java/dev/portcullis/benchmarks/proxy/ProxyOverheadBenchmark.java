package dev.portcullis.benchmarks.proxy;

import dev.portcullis.api.Body;
import dev.portcullis.api.ExchangeListener;
import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.HttpHeaders;
import dev.portcullis.api.Pipeline;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.core.Exchange;
import dev.portcullis.core.Gateway;
import dev.portcullis.core.IncomingRequest;
import dev.portcullis.core.client.UpstreamClient;
import dev.portcullis.core.client.UpstreamRequest;
import dev.portcullis.core.client.UpstreamResponse;
import dev.portcullis.micrometer.GatewayMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The gateway's own work for one proxied request, with no socket, through the container-neutral {@link Gateway}
 * that the servlet filter adapts: admission, intake of a typical browser-ish request (request id, method, framing
 * and path guards, header hygiene, trusted-proxy resolution), the pipeline with routing, the proxy building the
 * upstream URI and headers (forwarding headers, {@code Via}, request id) and turning an nginx-like answer, supplied
 * at once by an in-memory {@link UpstreamClient}, into the gateway's response, and the end of the exchange. With
 * {@code listener=counting} an {@link ExchangeListener} hears every event, the cost of the observability seam; with
 * {@code listener=metrics} {@link GatewayMetrics} records into Micrometer's Prometheus registry, the cost of
 * metrics. What the servlet container and the HTTP client spend on parsing and I/O is not included: compare with
 * {@code bench/compare.sh} for the whole cost.
 *
 * <pre>{@code
 * bench/jmh.sh ProxyOverhead -f 1 -wi 3 -i 5 -w 1 -r 1 -prof gc
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ProxyOverheadBenchmark {
    private static final HttpHeaders INCOMING = HttpHeaders.builder()
            .add("Host", "api.example.com").add("User-Agent", "Mozilla/5.0 (X11; Linux x86_64)")
            .add("Accept", "application/json").add("Accept-Encoding", "gzip, deflate, br")
            .add("Accept-Language", "en-GB,en;q=0.9").add("Connection", "keep-alive")
            .add("Cookie", "session=0123456789abcdef").add("X-Tenant", "acme").build();
    private static final HttpHeaders UPSTREAM = HttpHeaders.builder()
            .add("Server", "nginx").add("Date", "Sat, 22 Nov 2025 01:00:00 GMT")
            .add("Content-Type", "application/octet-stream").add("Content-Length", "1024")
            .add("Last-Modified", "Sat, 22 Nov 2025 00:00:00 GMT").add("Connection", "keep-alive")
            .add("ETag", "\"6921-400\"").add("Accept-Ranges", "bytes").build();
    private static final IncomingRequest REQUEST = IncomingRequest.builder()
            .method("GET").rawPath("/api/hello").rawQuery("page=2").protocol("HTTP/1.1").scheme("http")
            .serverName("api.example.com").serverPort(80).peerAddress("127.0.0.1").headers(INCOMING)
            .contentLength(-1).build();

    /**
     * {@code none}: no listener; {@code counting}: a listener that counts every event; {@code metrics}:
     * {@link GatewayMetrics} on a {@link PrometheusMeterRegistry}.
     */
    @Param({"none", "counting", "metrics"})
    public String listener;

    private final LongAdder events = new LongAdder();
    private Gateway gateway;

    /** Builds the gateway over an in-memory client, once per trial. */
    @Setup
    public void setUp() {
        UpstreamClient answersAtOnce = new UpstreamClient() {
            @Override
            public CompletableFuture<UpstreamResponse> exchange(UpstreamRequest request) {
                return CompletableFuture.completedFuture(new UpstreamResponse(200, UPSTREAM, Body.empty()));
            }

            @Override
            public void close() {
            }
        };
        Gateway.Builder builder = Gateway.builder()
                .pipeline(Pipeline.builder().add(Routing.interceptor(RouteTable.of(List.of(
                        Route.builder("api").path("/api/**").upstream("http://127.0.0.1:9001").build())))).build())
                .upstreamClient(answersAtOnce);
        if (listener.equals("counting")) {
            builder.listener(event -> events.increment());
        } else if (listener.equals("metrics")) {
            builder.listener(GatewayMetrics.builder(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)).build());
        }
        gateway = builder.build();
    }

    /** Closes the gateway. */
    @TearDown
    public void tearDown() {
        gateway.close();
    }

    /** @return the gateway's response, so the JIT cannot drop the work */
    @Benchmark
    public GatewayResponse proxiedRequest() {
        Exchange exchange = gateway.open(REQUEST);
        GatewayResponse response = exchange.run().join();
        exchange.end(response.status(), 1024);
        return response;
    }
}
