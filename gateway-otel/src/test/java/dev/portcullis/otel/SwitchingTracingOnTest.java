package dev.portcullis.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portcullis.api.Pipeline;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.servlet.GatewayFilter;
import dev.portcullis.test.GatewayExtension;
import dev.portcullis.test.RecordingUpstream;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Switching tracing on: an SDK with a batch span processor, and the gateway's tracer on the filter. */
class SwitchingTracingOnTest {
    /** In production an exporter to your collector, e.g. OtlpGrpcSpanExporter.builder().build(). */
    static final InMemorySpanExporter EXPORTER = InMemorySpanExporter.create();
    static final SdkTracerProvider TRACER_PROVIDER = tracerProvider(EXPORTER);

    @RegisterExtension
    static final RecordingUpstream ORDERS_SERVICE = RecordingUpstream.create();

    @RegisterExtension
    static final GatewayExtension GATEWAY = GatewayExtension.builder().filter(() -> {
        OpenTelemetrySdk openTelemetry = OpenTelemetrySdk.builder().setTracerProvider(TRACER_PROVIDER).build();
        return GatewayFilter.builder()
                .pipeline(Pipeline.builder().add(Routing.interceptor(RouteTable.of(
                        Route.builder("orders").path("/api/orders/**").upstream(ORDERS_SERVICE.baseUri()).build())))
                        .build())
                .trustedProxies("10.0.0.0/8")                                  // continue traces from the ingress
                .tracer(OpenTelemetryTracing.create(openTelemetry))          // a server span per request
                .build();
    }).build();

    static SdkTracerProvider tracerProvider(SpanExporter exporter) {
        return SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(
                        Attributes.of(AttributeKey.stringKey("service.name"), "gateway"))))
                .addSpanProcessor(BatchSpanProcessor.builder(exporter).build())   // exports off the request path
                .build();
    }

    @Test
    void aRequestThroughTheGatewayIsAServerSpanAndAClientSpanInOneTrace() throws Exception {
        assertEquals(200, GATEWAY.get("/api/orders/7").statusCode());
        GATEWAY.stop();                                                     // the exchange has ended
        TRACER_PROVIDER.forceFlush().join(10, TimeUnit.SECONDS);                // the batch is exported

        List<SpanData> spans = EXPORTER.getFinishedSpanItems();
        assertEquals(List.of(SpanKind.CLIENT, SpanKind.SERVER), spans.stream().map(SpanData::getKind).toList());
        assertEquals("GET orders", spans.get(1).getName());
        assertEquals(spans.get(1).getSpanId(), spans.get(0).getParentSpanId());
    }
}
