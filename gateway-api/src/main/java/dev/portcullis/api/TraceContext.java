package dev.portcullis.api;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One exchange's W3C Trace Context (<a href="https://www.w3.org/TR/trace-context/">traceparent and tracestate</a>):
 * the trace it belongs to, the id of the gateway's own hop in it, the trace flags, the vendor state, and the context
 * the caller sent when the gateway kept it. The gateway puts one on every request under {@link #ATTRIBUTE} (unless
 * trace context is switched off) and sends {@link #traceparent()} and {@link #traceState()} upstream from the
 * request as the last stage passed it on, so a stage that replaces the attribute (an OpenTelemetry client span, say)
 * decides what the upstream sees.
 *
 * <ul>
 *   <li>{@link #traceId()}: 32 lower-case hex digits, never all zero; in the access log, the MDC and problem
 *       bodies;</li>
 *   <li>{@link #spanId()}: 16 lower-case hex digits, never all zero: the gateway's hop, sent upstream as the
 *       {@code parent-id} of {@code traceparent};</li>
 *   <li>{@link #caller()}: the caller's own context: the parent of this hop when the gateway continued the caller's
 *       trace (same trace id), a link to a trace it did not continue otherwise (different trace id).</li>
 * </ul>
 *
 * <pre>{@code
 * Optional<TraceContext> trace = chain.request().attribute(TraceContext.ATTRIBUTE);
 * trace.ifPresent(t -> log.info("trace {} sampled={}", t.traceId(), t.sampled()));
 * TraceContext child = trace.get().withSpanId("00f067aa0ba902b7");   // a hop of your own, same trace
 * return chain.proceed(chain.request().withAttribute(TraceContext.ATTRIBUTE, child));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class TraceContext {
    /** The request attribute holding the exchange's trace context. */
    public static final AttributeKey<TraceContext> ATTRIBUTE = AttributeKey.of("trace-context", TraceContext.class);
    /** The {@code sampled} trace flag. */
    public static final int SAMPLED = 0x01;
    /** The flags kept from a caller and sent on: {@code sampled} and Level 2's {@code random}; others are zeroed. */
    static final int KNOWN_FLAGS = 0x03;
    private static final int TRACEPARENT_LENGTH = 55;
    /** The kept flags as written in {@code traceparent}, by value. */
    private static final String[] FLAGS = {"00", "01", "02", "03"};
    /** The longest {@code tracestate} carried; a longer one is dropped whole. */
    static final int MAX_TRACE_STATE = 512;
    private static final int MAX_MEMBERS = 32;
    private static final Pattern MEMBER = Pattern.compile(
            "(?:[a-z][a-z0-9_*/-]{0,255}|[a-z0-9][a-z0-9_*/-]{0,240}@[a-z][a-z0-9_*/-]{0,13})"
                    + "=[\\x20-\\x2b\\x2d-\\x3c\\x3e-\\x7e]{0,255}[\\x21-\\x2b\\x2d-\\x3c\\x3e-\\x7e]");

    private final String traceId;
    private final String spanId;
    private final int flags;
    private final String traceState;
    private final TraceContext caller;

    private TraceContext(String traceId, String spanId, int flags, String traceState, TraceContext caller) {
        this.traceId = traceId;
        this.spanId = spanId;
        this.flags = flags;
        this.traceState = traceState;
        this.caller = caller;
    }

    /**
     * @param traceId 32 lower-case hex digits, not all zero
     * @param spanId 16 lower-case hex digits, not all zero
     * @param flags the trace flags, 0 to 255; only {@code sampled} and {@code random} are kept
     * @param traceState a valid {@code tracestate} list, or {@code ""}
     * @return the context, without a caller
     * @throws IllegalArgumentException naming the value that is not valid
     */
    public static TraceContext of(String traceId, String spanId, int flags, String traceState) {
        if (!isId(traceId, 32)) {
            throw new IllegalArgumentException("traceId: not 32 lower-case hex digits, or all zero: " + traceId);
        }
        if (!isId(spanId, 16)) {
            throw new IllegalArgumentException("spanId: not 16 lower-case hex digits, or all zero: " + spanId);
        }
        if (flags < 0 || flags > 0xff) {
            throw new IllegalArgumentException("flags: must be 0 to 255, was " + flags);
        }
        Objects.requireNonNull(traceState, "traceState");
        if (!traceState.isEmpty() && !traceState.equals(validState(traceState))) {
            throw new IllegalArgumentException("traceState: not a valid tracestate list: " + LogSafe.value(traceState));
        }
        return new TraceContext(traceId, spanId, flags & KNOWN_FLAGS, traceState, null);
    }

    /**
     * Reads the headers a caller sent, as W3C Trace Context asks a receiver to: a {@code traceparent} of version
     * {@code 00} is exactly 55 characters; a later version is read for its first four fields; {@code ff}, upper-case
     * hex, an all-zero id or a wrong length make it invalid. An invalid or over-long {@code tracestate} (more than 32
     * members, more than {@value #MAX_TRACE_STATE} characters) is dropped, the {@code traceparent} kept.
     *
     * @param traceparent the {@code traceparent} value, or null
     * @param tracestate the {@code tracestate} values joined with {@code ,}, or null
     * @return the caller's context ({@link #spanId()} is the caller's span), or empty when there is none or it is
     *     invalid
     */
    public static Optional<TraceContext> parse(String traceparent, String tracestate) {
        if (traceparent == null) {
            return Optional.empty();
        }
        String value = traceparent.trim();
        if (value.length() < TRACEPARENT_LENGTH || !isHex(value, 0, 2) || value.startsWith("ff")
                || (value.startsWith("00") ? value.length() != TRACEPARENT_LENGTH
                        : value.length() > TRACEPARENT_LENGTH && value.charAt(TRACEPARENT_LENGTH) != '-')
                || value.charAt(2) != '-' || value.charAt(35) != '-' || value.charAt(52) != '-'
                || !isHex(value, 53, 55)) {
            return Optional.empty();
        }
        String traceId = value.substring(3, 35);
        String spanId = value.substring(36, 52);
        if (!isId(traceId, 32) || !isId(spanId, 16)) {
            return Optional.empty();
        }
        int flags = Integer.parseInt(value, 53, 55, 16) & KNOWN_FLAGS;
        return Optional.of(new TraceContext(traceId, spanId, flags, tracestate == null ? "" : validState(tracestate),
                null));
    }

    /** @return the trace id: 32 lower-case hex digits */
    public String traceId() {
        return traceId;
    }

    /** @return the id of this hop's span: 16 lower-case hex digits, sent upstream as {@code parent-id} */
    public String spanId() {
        return spanId;
    }

    /** @return the trace flags ({@link #SAMPLED} and Level 2's {@code random} bit) */
    public int flags() {
        return flags;
    }

    /** @return whether the {@code sampled} flag is set */
    public boolean sampled() {
        return (flags & SAMPLED) != 0;
    }

    /** @return the {@code tracestate} list to send on, {@code ""} when none */
    public String traceState() {
        return traceState;
    }

    /**
     * @return the context the caller sent, when the gateway kept it: the parent of this hop when {@link #traceId()}
     *     is the caller's, a link to the caller's trace when it is not
     */
    public Optional<TraceContext> caller() {
        return Optional.ofNullable(caller);
    }

    /** @return the {@code traceparent} header value: {@code 00-<trace id>-<span id>-<flags>} */
    public String traceparent() {
        return "00-" + traceId + '-' + spanId + '-' + FLAGS[flags];
    }

    /**
     * @param spanId the id of a new hop in the same trace: 16 lower-case hex digits, not all zero
     * @return this context with that span id; trace id, flags, state and caller unchanged
     * @throws IllegalArgumentException when the id is not valid
     */
    public TraceContext withSpanId(String spanId) {
        if (!isId(spanId, 16)) {
            throw new IllegalArgumentException("spanId: not 16 lower-case hex digits, or all zero: " + spanId);
        }
        return new TraceContext(traceId, spanId, flags, traceState, caller);
    }

    /**
     * @param caller the context the caller sent
     * @return this context remembering it as {@link #caller()}
     */
    public TraceContext withCaller(TraceContext caller) {
        return new TraceContext(traceId, spanId, flags, traceState, Objects.requireNonNull(caller, "caller"));
    }

    /** @return the members of a valid list joined by {@code ,} without blanks, or {@code ""} when it is not valid */
    private static String validState(String list) {
        if (list.length() > MAX_TRACE_STATE * 2) {
            return "";
        }
        StringBuilder kept = new StringBuilder(list.length());
        int members = 0;
        for (String member : list.split(",", -1)) {
            String trimmed = member.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (++members > MAX_MEMBERS || !MEMBER.matcher(trimmed).matches()) {
                return "";
            }
            kept.append(kept.length() == 0 ? "" : ",").append(trimmed);
        }
        return kept.length() > MAX_TRACE_STATE ? "" : kept.toString();
    }

    private static boolean isId(String id, int length) {
        return id != null && id.length() == length && isHex(id, 0, length) && !allZero(id);
    }

    private static boolean allZero(String id) {
        for (int i = 0; i < id.length(); i++) {
            if (id.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }

    private static boolean isHex(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TraceContext that && traceId.equals(that.traceId) && spanId.equals(that.spanId)
                && flags == that.flags && traceState.equals(that.traceState) && Objects.equals(caller, that.caller);
    }

    @Override
    public int hashCode() {
        return Objects.hash(traceId, spanId, flags, traceState, caller);
    }

    @Override
    public String toString() {
        return "TraceContext[" + traceparent() + (traceState.isEmpty() ? "" : " " + traceState) + ']';
    }
}
