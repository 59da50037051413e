package dev.portcullis.config.internal.model;

import dev.portcullis.config.internal.bind.Doc;
import dev.portcullis.config.internal.bind.Required;
import dev.portcullis.config.internal.bind.Shorthand;
import java.util.List;

/**
 * What the gateway does with a caller's W3C trace context ({@code TracePolicy}); a plain string is the policy.
 *
 * <pre>{@code
 * traceContext: restart
 * traceContext: {policy: trust, trustedCallers: [10.1.0.0/16], sampleRate: 0.1}
 * }</pre>
 *
 * @param policy trust, restart, ignore or off
 * @param trustedCallers the callers whose traces are continued
 * @param sampleRate the share of new traces sampled
 */
@Doc("What the gateway does with a caller's traceparent: the policy, or {policy, trustedCallers, sampleRate}. "
        + "Default trust.")
public record TraceContextModel(
        @Doc("trust (continue a trusted caller's trace, start a linked one for others), restart (always a new trace, "
                + "linked), ignore (always a new trace, the caller's headers unread) or off (no trace context; "
                + "traceparent passes as any header).") @Shorthand @Required TracePolicy policy,
        @Doc("trust only: the CIDR blocks of the callers whose traces are continued; default gateway.trustedProxies.")
        List<String> trustedCallers,
        @Doc("The share of the traces the gateway starts that are sampled, 0..1, default 1; not with off.")
        Double sampleRate) {

    /** The policies. */
    public enum TracePolicy {
        /** {@code TracePolicy.trust()}. */
        TRUST,
        /** {@code TracePolicy.restart()}. */
        RESTART,
        /** {@code TracePolicy.ignore()}. */
        IGNORE,
        /** {@code TracePolicy.off()}. */
        OFF
    }
}
