/**
 * OpenTelemetry traces of the gateway: {@link dev.portcullis.otel.OpenTelemetryTracing}, the gateway's tracer, opens
 * a server span per exchange and a client span per upstream try through the OpenTelemetry API, with the stable HTTP
 * semantic-convention attribute names, so one trace id runs through the spans, the access log, the MDC, problem
 * bodies and the upstream's {@code traceparent}.
 */
package dev.portcullis.otel;
