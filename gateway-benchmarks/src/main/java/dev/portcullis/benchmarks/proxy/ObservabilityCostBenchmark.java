package dev.portcullis.benchmarks.proxy;

import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.Pipeline;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.core.Exchange;
import dev.portcullis.core.Gateway;
import dev.portcullis.core.accesslog.AccessLog;
import dev.portcullis.core.trace.TracePolicy;
import dev.portcullis.micrometer.GatewayMetrics;
import dev.portcullis.otel.OpenTelemetryTracing;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * What the observability signals cost one proxied request on the plain route (the request and the in-memory upstream
 * of {@link ProxyOverheadBenchmark}, no sockets), one configuration per {@code signals} value:
 * <ul>
 *   <li>{@code off}: no trace context ({@link TracePolicy#off()}), no listener, no access log: the plain pipeline;</li>
 *   <li>{@code defaults}: the W3C trace context, as by default, and nothing else;</li>
 *   <li>{@code access-log}: plus the text access log of every exchange (slf4j-simple into {@code /dev/null}, on its
 *       writer thread);</li>
 *   <li>{@code tracing}: the defaults plus {@link OpenTelemetryTracing} on the OpenTelemetry SDK, every trace sampled,
 *       a batch span processor and an exporter that drops the batches;</li>
 *   <li>{@code all}: access log, {@link GatewayMetrics} on a Prometheus registry, and that tracing.</li>
 * </ul>
 * Besides the time per request, each fork prints the process's CPU time per request over its measurement iterations
 * ({@code process CPU per request: ...}): every thread's, the access log's writer and the span processor's included,
 * and unlike the time per request it does not grow while the benchmark waits for a core on a loaded machine.
 *
 * <pre>{@code
 * bench/jmh.sh ObservabilityCost -f 3 -wi 5 -i 5 -w 1 -r 1 -prof gc
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(jvmArgsAppend = "-Dorg.slf4j.simpleLogger.logFile=/dev/null")
public class ObservabilityCostBenchmark {
    /** Which signals are on; see the class comment. */
    @Param({"off", "defaults", "access-log", "tracing", "all"})
    public String signals;

    private Gateway gateway;
    private AccessLog log;
    private SdkTracerProvider tracerProvider;
    private final DroppingExporter exporter = new DroppingExporter();
    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long requests;
    private boolean measuring;
    private long iterationCpu;
    private long iterationRequests;
    private long measuredCpu;
    private long measuredRequests;

    /** Builds the gateway for the configuration, once per trial. */
    @Setup
    public void setUp() {
        Gateway.Builder builder = Gateway.builder()
                .pipeline(Pipeline.builder().add(Routing.interceptor(RouteTable.of(List.of(Route.builder("api")
                        .path("/api/**").upstream("http://127.0.0.1:9001").build())))).build())
                .upstreamClient(ProxyOverheadBenchmark.answersAtOnce())
                .traceContext(signals.equals("off") ? TracePolicy.off() : TracePolicy.trust());
        if (signals.equals("access-log") || signals.equals("all")) {
            log = AccessLog.builder().build();
            builder.accessLog(log);
        }
        if (signals.equals("all")) {
            builder.listener(GatewayMetrics.builder(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)).build());
        }
        if (signals.equals("tracing") || signals.equals("all")) {
            tracerProvider = SdkTracerProvider.builder()
                    .addSpanProcessor(BatchSpanProcessor.builder(exporter).build()).build();
            builder.tracer(OpenTelemetryTracing.create(OpenTelemetrySdk.builder()
                    .setTracerProvider(tracerProvider).build()));
        }
        gateway = builder.build();
    }

    /** @param iteration whether a measurement iteration starts: only those count for the CPU time */
    @Setup(Level.Iteration)
    public void startIteration(IterationParams iteration) {
        measuring = iteration.getType() == IterationType.MEASUREMENT;
        iterationCpu = os.getProcessCpuTime();
        iterationRequests = requests;
    }

    /** Adds a measurement iteration's process CPU time and requests. */
    @TearDown(Level.Iteration)
    public void endIteration() {
        if (measuring) {
            measuredCpu += os.getProcessCpuTime() - iterationCpu;
            measuredRequests += requests - iterationRequests;
        }
    }

    /** Closes the gateway and the tracer provider; says what CPU a request took and what was dropped on the way. */
    @TearDown
    public void tearDown() {
        System.out.printf("process CPU per request: %.3f us (%d requests measured, signals=%s)%n",
                measuredCpu / 1000.0 / Math.max(1, measuredRequests), measuredRequests, signals);
        gateway.close();
        if (log != null) {
            System.out.println("access log entries dropped (queue full): " + log.dropped());
        }
        if (tracerProvider != null) {
            tracerProvider.close();
            System.out.println("spans exported (and dropped by the exporter): " + exporter.spans.sum());
        }
    }

    /** @return the gateway's response, so the JIT cannot drop the work */
    @Benchmark
    public GatewayResponse proxiedRequest() {
        requests++;
        Exchange exchange = gateway.open(ProxyOverheadBenchmark.REQUEST);
        GatewayResponse response = exchange.run().join();
        exchange.end(response.status(), 1024);
        return response;
    }

    /** Counts the spans of each batch and drops them: the cost of a real exporter is not the gateway's. */
    private static final class DroppingExporter implements SpanExporter {
        private final LongAdder spans = new LongAdder();

        @Override
        public CompletableResultCode export(Collection<SpanData> batch) {
            spans.add(batch.size());
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
