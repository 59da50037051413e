package dev.portcullis.config.internal.model;

import dev.portcullis.config.internal.bind.Doc;

/**
 * A route's own access log sampling ({@code AccessLogSampling.ROUTE}).
 *
 * <pre>{@code
 * accessLog: {sampleRate: 0.01}
 * accessLog: {enabled: false}
 * }</pre>
 *
 * @param enabled whether the route's exchanges are written
 * @param sampleRate the share of the route's successful exchanges written
 */
@Doc("This route's access log sampling, instead of gateway.accessLog.sampleRate.")
public record RouteAccessLogModel(
        @Doc("false writes none of this route's exchanges, failures included (then set nothing else here); default "
                + "true.") Boolean enabled,
        @Doc("The share of this route's successful exchanges written, 0..1; failures are always written.")
        Double sampleRate) {
}
