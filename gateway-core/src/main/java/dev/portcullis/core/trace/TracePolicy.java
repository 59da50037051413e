package dev.portcullis.core.trace;

import dev.portcullis.api.TraceContext;
import dev.portcullis.core.ipfilter.CidrRange;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the gateway does with the W3C {@code traceparent} and {@code tracestate} a caller sends, and whether it
 * starts traces of its own. Every exchange gets a {@link TraceContext} (on the request under
 * {@link TraceContext#ATTRIBUTE}, in the access log, the MDC and problem bodies as {@code traceId}), and the
 * upstream receives {@code traceparent} with the gateway's hop as parent, plus {@code tracestate} when the trace was
 * continued; the caller's own copies are never forwarded. Unless {@linkplain #off() off}:
 *
 * <table>
 *   <caption>Policies</caption>
 *   <tr><th>policy</th><th>a valid {@code traceparent} from a trusted caller</th><th>from anyone else</th></tr>
 *   <tr><td>{@link #trust()} (default)</td><td>continued: same trace id, flags and {@code tracestate}; the caller's
 *       span is the parent</td><td>a new trace; the caller's context kept as {@link TraceContext#caller()} (a
 *       link)</td></tr>
 *   <tr><td>{@link #restart()}</td><td colspan="2">a new trace; the caller's context kept as a link</td></tr>
 *   <tr><td>{@link #ignore()}</td><td colspan="2">a new trace; the caller's headers are not even read</td></tr>
 * </table>
 *
 * <p>A caller is trusted when the socket peer lies in the blocks given to {@link #trust(String...)}, or, for
 * {@link #trust()}, in the gateway's {@code trustedProxies}: with neither, no caller is trusted, so a public client
 * can never pick the trace id or force the {@code sampled} flag. An invalid {@code traceparent} (wrong length,
 * upper-case hex, all-zero ids, version {@code ff}, two of them) counts as none. A new trace is sampled when the
 * low 56 bits of its random trace id fall under {@link #withSampleRate(double) the sample rate} (default 1: every new
 * trace carries the {@code sampled} flag), so the decision is the same wherever the trace id is seen.
 *
 * <pre>{@code
 * Gateway.builder().pipeline(pipeline)
 *     .trustedProxies("10.0.0.0/8")
 *     .traceContext(TracePolicy.trust().withSampleRate(0.1))   // continue traces from 10/8, sample 10 % of new ones
 *     .build();
 * }</pre>
 *
 * <p>{@link #off()} turns the gateway's trace context off: no {@link TraceContext}, no {@code traceId}, and the
 * caller's {@code traceparent} passes upstream like any other header (for an OpenTelemetry Java agent that
 * propagates context itself). Immutable and thread-safe.
 */
public final class TracePolicy {
    /** What a policy does with a caller's trace context. */
    public enum Mode {
        /** Continue a trusted caller's trace; start a new one, linked, for everyone else. */
        TRUST,
        /** Start a new trace for every request, linked to the caller's when it sent one. */
        RESTART,
        /** Start a new trace for every request; read nothing the caller sent. */
        IGNORE,
        /** No trace context at all. */
        OFF
    }

    private final Mode mode;
    private final List<String> trustedCallers;
    private final double sampleRate;

    private TracePolicy(Mode mode, List<String> trustedCallers, double sampleRate) {
        this.mode = mode;
        this.trustedCallers = trustedCallers;
        this.sampleRate = sampleRate;
    }

    /** @return continue traces from the gateway's trusted proxies; the default */
    public static TracePolicy trust() {
        return new TracePolicy(Mode.TRUST, null, 1.0);
    }

    /**
     * @param callerCidrs the blocks (IPv4 or IPv6 CIDR) of the callers whose traces are continued, instead of the
     *     gateway's trusted proxies
     * @return the policy
     * @throws IllegalArgumentException naming {@code traceContext} and the block that does not parse
     */
    public static TracePolicy trust(String... callerCidrs) {
        List<String> blocks = List.of(Objects.requireNonNull(callerCidrs, "callerCidrs"));
        for (String block : blocks) {
            try {
                CidrRange.parse(block);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("traceContext: trusted caller " + e.getMessage(), e);
            }
        }
        return new TracePolicy(Mode.TRUST, blocks, 1.0);
    }

    /** @return a new trace for every request, linked to the caller's */
    public static TracePolicy restart() {
        return new TracePolicy(Mode.RESTART, null, 1.0);
    }

    /** @return a new trace for every request, the caller's trace headers dropped unread */
    public static TracePolicy ignore() {
        return new TracePolicy(Mode.IGNORE, null, 1.0);
    }

    /** @return no trace context; {@code traceparent} passes through as an ordinary header */
    public static TracePolicy off() {
        return new TracePolicy(Mode.OFF, null, 0.0);
    }

    /**
     * @param rate the share of the traces the gateway starts that carry the {@code sampled} flag, 0 to 1; a
     *     continued trace keeps the caller's flag
     * @return this policy with that rate
     * @throws IllegalArgumentException naming {@code traceContext} when the rate is outside 0 to 1
     */
    public TracePolicy withSampleRate(double rate) {
        if (!(rate >= 0.0 && rate <= 1.0)) {
            throw new IllegalArgumentException("traceContext: the sample rate must be 0 to 1, was " + rate);
        }
        return new TracePolicy(mode, trustedCallers, rate);
    }

    /** @return the mode */
    public Mode mode() {
        return mode;
    }

    /** @return the blocks of trusted callers, or empty when the gateway's trusted proxies are meant */
    public Optional<List<String>> trustedCallers() {
        return Optional.ofNullable(trustedCallers);
    }

    /** @return the share of new traces that are sampled */
    public double sampleRate() {
        return sampleRate;
    }

    @Override
    public String toString() {
        return "TracePolicy[" + mode + (trustedCallers == null ? "" : " " + trustedCallers) + " sample "
                + sampleRate + ']';
    }
}
