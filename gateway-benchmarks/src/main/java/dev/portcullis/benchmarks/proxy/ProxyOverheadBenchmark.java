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
import dev.portcullis.core.accesslog.AccessLog;
import dev.portcullis.core.accesslog.AccessLogEntry;
import dev.portcullis.core.accesslog.AccessLogFormat;
import dev.portcullis.core.accesslog.AccessLogSampling;
import dev.portcullis.core.IncomingRequest;
import dev.portcullis.core.client.UpstreamClient;
import dev.portcullis.core.trace.TracePolicy;
import dev.portcullis.core.client.UpstreamRequest;
import dev.portcullis.core.client.UpstreamResponse;
import dev.portcullis.micrometer.GatewayMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * metrics. With
 * {@code accessLog=text} or {@code json} an {@link AccessLog} writes every exchange (slf4j-simple, into
 * {@code /dev/null}): what the request thread pays is measured here; what the writer thread pays per entry,
 * formatting, is {@link AccessLogFormatBenchmark}. {@code accessLog=sampled-out} logs a route whose
 * sampling keeps none of its successes: the cost of the decision alone. {@code trace=off} leaves out the W3C trace
 * context (on by default), to tell its cost from the access log's. What the servlet container and the HTTP client
 * spend on parsing and I/O is not included: compare with {@code bench/compare.sh} for the whole cost.
 *
 * <pre>{@code
 * bench/jmh.sh ProxyOverhead -f 1 -wi 3 -i 5 -w 1 -r 1 -prof gc
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(jvmArgsAppend = "-Dorg.slf4j.simpleLogger.logFile=/dev/null")
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
    static final IncomingRequest REQUEST = IncomingRequest.builder()
            .method("GET").rawPath("/api/hello").rawQuery("page=2").protocol("HTTP/1.1").scheme("http")
            .serverName("api.example.com").serverPort(80).peerAddress("127.0.0.1").headers(INCOMING)
            .contentLength(-1).build();

    /**
     * {@code none}: no listener; {@code counting}: a listener that counts every event; {@code metrics}:
     * {@link GatewayMetrics} on a {@link PrometheusMeterRegistry}.
     */
    @Param({"none", "counting", "metrics"})
    public String listener;

    /** {@code off}: no access log; {@code text}, {@code json}: every exchange written; {@code sampled-out}: none. */
    @Param({"off", "text", "json", "sampled-out"})
    public String accessLog;

    /** {@code trust}: W3C trace context as by default; {@code off}: {@link TracePolicy#off()}. */
    @Param({"trust", "off"})
    public String trace;

    private final LongAdder events = new LongAdder();
    private Gateway gateway;
    private AccessLog log;

    /** @return an upstream client that answers like nginx, at once */
    static UpstreamClient answersAtOnce() {
        return new UpstreamClient() {
            @Override
            public CompletableFuture<UpstreamResponse> exchange(UpstreamRequest request) {
                return CompletableFuture.completedFuture(new UpstreamResponse(200, UPSTREAM, Body.empty()));
            }

            @Override
            public void close() {
            }
        };
    }

    /** Builds the gateway over an in-memory client, once per trial. */
    @Setup
    public void setUp() {
        UpstreamClient answersAtOnce = answersAtOnce();
        Route.Builder route = Route.builder("api").path("/api/**").upstream("http://127.0.0.1:9001");
        if (accessLog.equals("sampled-out")) {
            route.metadata(AccessLogSampling.ROUTE, AccessLogSampling.rate(0));
        }
        Gateway.Builder builder = Gateway.builder()
                .pipeline(Pipeline.builder().add(Routing.interceptor(RouteTable.of(List.of(route.build())))).build())
                .upstreamClient(answersAtOnce)
                .traceContext(trace.equals("off") ? TracePolicy.off() : TracePolicy.trust());
        if (listener.equals("counting")) {
            builder.listener(event -> events.increment());
        } else if (listener.equals("metrics")) {
            builder.listener(GatewayMetrics.builder(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)).build());
        }
        if (!accessLog.equals("off")) {
            log = AccessLog.builder().format(accessLog.equals("json") ? AccessLogFormat.json() : AccessLogFormat.text())
                    .build();
            builder.accessLog(log);
        }
        gateway = builder.build();
    }

    /**
     * @param client answers the proxied request
     * @return the entry an access log makes of one proxied request, caught by a format that writes nothing
     */
    static AccessLogEntry oneEntry(UpstreamClient client) {
        AtomicReference<AccessLogEntry> caught = new AtomicReference<>();
        Gateway once = Gateway.builder()
                .pipeline(Pipeline.builder().add(Routing.interceptor(RouteTable.of(List.of(Route.builder("api")
                        .path("/api/**").upstream("http://127.0.0.1:9001").build())))).build())
                .upstreamClient(client)
                .accessLog(AccessLog.builder().format(entry -> {
                    caught.set(entry);
                    return "";
                }).build())
                .build();
        Exchange exchange = once.open(REQUEST);
        exchange.end(exchange.run().join().status(), 1024);
        once.close();
        return caught.get();
    }

    /** Closes the gateway, and says how many access log entries found the queue full. */
    @TearDown
    public void tearDown() {
        gateway.close();
        if (log != null) {
            System.out.println("access log entries dropped (queue full): " + log.dropped());
        }
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
