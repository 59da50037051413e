package dev.portcullis.otel;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An OpenTelemetry SDK exporting to the SDK's {@link InMemorySpanExporter}, and a wait for the spans of one exchange:
 * its server span ends when the exchange ends, which may be just after the client has its response.
 */
final class FinishedSpans implements SpanProcessor {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final OpenTelemetry openTelemetry = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                    .addSpanProcessor(this)
                    .build())
            .build();

    OpenTelemetry openTelemetry() {
        return openTelemetry;
    }

    /**
     * @param requestId an exchange's request id
     * @return its server span, once ended
     * @throws AssertionError when it does not end within 10 s
     */
    synchronized SpanData awaitServer(String requestId) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Optional<SpanData> found;
        while ((found = server(requestId)).isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no server span ended for request " + requestId + " within " + WAIT
                        + "; finished: " + exporter.getFinishedSpanItems());
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return found.get();
    }

    /** @return the finished spans of a trace, in the order they ended */
    List<SpanData> ofTrace(String traceId) {
        return exporter.getFinishedSpanItems().stream().filter(span -> span.getTraceId().equals(traceId))
                .collect(Collectors.toList());
    }

    /** @return the finished client spans of a trace, in the order they ended */
    List<SpanData> clientsOf(String traceId) {
        return ofTrace(traceId).stream().filter(span -> span.getKind() == SpanKind.CLIENT)
                .collect(Collectors.toList());
    }

    private Optional<SpanData> server(String requestId) {
        return exporter.getFinishedSpanItems().stream()
                .filter(span -> span.getKind() == SpanKind.SERVER
                        && requestId.equals(span.getAttributes().get(SpanAttributes.REQUEST_ID)))
                .findFirst();
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
    }

    @Override
    public boolean isStartRequired() {
        return false;
    }

    @Override
    public synchronized void onEnd(ReadableSpan span) {
        notifyAll();
    }

    @Override
    public boolean isEndRequired() {
        return true;
    }
}
