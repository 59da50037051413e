package dev.portcullis.core.internal.trace;

import dev.portcullis.api.HttpHeaders;
import dev.portcullis.api.TraceContext;
import dev.portcullis.core.internal.Hex;
import dev.portcullis.core.internal.net.TrustedProxies;
import dev.portcullis.core.trace.TracePolicy;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Gives each exchange its {@link TraceContext} as a {@link TracePolicy} says: continued from a trusted caller,
 * restarted with a link, or started afresh with random ids (a trace id whose low 56 bits decide sampling). Reads
 * only the first {@code traceparent}; two of them are invalid, as W3C Trace Context says. Thread-safe.
 */
public final class TraceContexts {
    private static final String TRACEPARENT = "traceparent";
    private static final String TRACESTATE = "tracestate";
    private static final long LOW_56_BITS = 0x00ff_ffff_ffff_ffffL;

    private final TracePolicy.Mode mode;
    private final TrustedProxies callers;
    private final long sampledBelow;

    private TraceContexts(TracePolicy.Mode mode, TrustedProxies callers, long sampledBelow) {
        this.mode = mode;
        this.callers = callers;
        this.sampledBelow = sampledBelow;
    }

    /**
     * @param policy the policy
     * @param gatewayProxies the gateway's trusted proxies, the trusted callers unless the policy names its own
     * @return the contexts of that policy
     */
    public static TraceContexts of(TracePolicy policy, TrustedProxies gatewayProxies) {
        TrustedProxies callers = policy.trustedCallers().map(TrustedProxies::of).orElse(gatewayProxies);
        return new TraceContexts(policy.mode(), callers, (long) Math.ceil(policy.sampleRate() * (LOW_56_BITS + 1.0)));
    }

    /**
     * @param headers the request headers as received
     * @param peer the socket peer
     * @return the exchange's context, or null when the policy is off
     */
    public TraceContext contextFor(HttpHeaders headers, InetAddress peer) {
        if (mode == TracePolicy.Mode.OFF) {
            return null;
        }
        TraceContext caller = mode == TracePolicy.Mode.IGNORE || !headers.contains(TRACEPARENT) ? null
                : callerContext(headers);
        if (caller != null && mode == TracePolicy.Mode.TRUST && callers.trusts(peer)) {
            return caller.withSpanId(spanId()).withCaller(caller);
        }
        TraceContext fresh = fresh();
        return caller == null ? fresh : fresh.withCaller(caller);
    }

    private static TraceContext callerContext(HttpHeaders headers) {
        List<String> parents = headers.all(TRACEPARENT);
        if (parents.size() != 1) {
            return null;
        }
        List<String> states = headers.all(TRACESTATE);
        return TraceContext.parse(parents.get(0), states.isEmpty() ? null : String.join(",", states)).orElse(null);
    }

    private TraceContext fresh() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong();
        long low = random.nextLong();
        if (high == 0 && low == 0) {
            low = 1;
        }
        char[] traceId = new char[32];
        Hex.write(high, traceId, 0);
        Hex.write(low, traceId, 16);
        int flags = (low & LOW_56_BITS) < sampledBelow ? TraceContext.SAMPLED : 0;
        return TraceContext.of(new String(traceId), spanId(), flags, "");
    }

    private static String spanId() {
        long id = ThreadLocalRandom.current().nextLong();
        char[] digits = new char[16];
        Hex.write(id == 0 ? 1 : id, digits, 0);
        return new String(digits);
    }
}
