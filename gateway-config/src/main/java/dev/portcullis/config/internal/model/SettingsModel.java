package dev.portcullis.config.internal.model;

import dev.portcullis.config.internal.bind.ByteSize;
import dev.portcullis.config.internal.bind.Doc;
import java.time.Duration;
import java.util.List;

/**
 * The {@code gateway} section: the settings of {@code Gateway.Settings}.
 *
 * <pre>{@code
 * gateway:
 *   trustedProxies: [10.0.0.0/8]
 *   forwardedHeaders: x-forwarded
 *   maxInFlight: 2048
 * }</pre>
 *
 * @param trustedProxies CIDR blocks whose forwarding headers are believed
 * @param forwardedHeaders the header family the trusted proxies write
 * @param requestIdHeader the request id header
 * @param viaPseudonym this gateway's name in Via
 * @param allowEncodedSlash whether %2F and %5C may appear in paths
 * @param allowTrace whether TRACE is forwarded
 * @param allowUnderscoreHeaders whether header names with _ are forwarded
 * @param maxUpstreamResponseHead the largest upstream response head relayed
 * @param maxInFlight the admission cap
 * @param drainTimeout how long a close or destroy lets exchanges in flight finish
 * @param accessLog the access log
 * @param traceContext the trace context policy
 */
@Doc("The gateway's own settings.")
public record SettingsModel(
        @Doc("IPv4/IPv6 CIDR blocks whose X-Forwarded-*/Forwarded headers and request ids are believed; default none.")
        List<String> trustedProxies,
        @Doc("The forwarding header family the trusted proxies write; default x-forwarded.")
        ForwardedFamily forwardedHeaders,
        @Doc("The request id header, default X-Request-Id.") String requestIdHeader,
        @Doc("This gateway's name in Via, default portcullis.") String viaPseudonym,
        @Doc("Accept %2F and %5C in paths; default false.") Boolean allowEncodedSlash,
        @Doc("Forward TRACE; default false (405).") Boolean allowTrace,
        @Doc("Forward request header names holding _; default false.") Boolean allowUnderscoreHeaders,
        @Doc("The largest upstream response head relayed, default 7KiB; at least 256B.")
        ByteSize maxUpstreamResponseHead,
        @Doc("Exchanges in flight at once; beyond it 503 overloaded. Default: max heap / 64 KiB, within 64..10000.")
        Integer maxInFlight,
        @Doc("How long a close or destroy (container shutdown) lets exchanges in flight finish while new routed "
                + "requests get 503 with Connection: close; default 30s, 0s cuts at once.")
        Duration drainTimeout,
        @Doc("The access log; off unless this section is present.") AccessLogModel accessLog,
        @Doc("What the gateway does with a caller's W3C trace context; default trust.")
        TraceContextModel traceContext) {

    /** The forwarding header family. */
    public enum ForwardedFamily {
        /** X-Forwarded-For/Proto/Host/Port. */
        X_FORWARDED,
        /** RFC 7239 Forwarded. */
        FORWARDED
    }
}
