package dev.portcullis.core;

import dev.portcullis.api.Attributes;
import dev.portcullis.api.Body;
import dev.portcullis.api.ExchangeEvent;
import dev.portcullis.api.ExchangeSpan;
import dev.portcullis.api.ExchangeTracer;
import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.HttpHeaders;
import dev.portcullis.api.Problem;
import dev.portcullis.api.ProblemTypes;
import dev.portcullis.api.TraceContext;
import dev.portcullis.core.internal.CountingBody;
import dev.portcullis.core.internal.MethodGuard;
import dev.portcullis.core.internal.PathGuard;
import dev.portcullis.core.internal.net.ClientOrigin;
import dev.portcullis.core.internal.net.ForwardedResolver;
import dev.portcullis.core.internal.net.IpLiterals;
import dev.portcullis.core.internal.net.TrustedProxies;
import dev.portcullis.core.internal.proxy.HeaderHygiene;
import dev.portcullis.core.internal.trace.TraceContexts;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an {@link IncomingRequest} into a {@link GatewayRequest}, or refuses it before any stage runs: a method the
 * gateway does not forward, framing it would forward differently from how the container read it, an ambiguous
 * path, a header it cannot forward. Gives every request its trace context, refused or not, and opens its span when a
 * tracer is set. Never reads the body, but counts what others read of it while anyone listens to the exchanges.
 * Thread-safe.
 */
final class Intake {
    private static final Logger LOG = LoggerFactory.getLogger(Intake.class);
    private static final Problem HTTP10_CODING = Problem.builder(ProblemTypes.BAD_REQUEST, 400, "Bad Request")
            .detail("An HTTP/1.0 request cannot carry Transfer-Encoding.").build();
    private static final Problem UNSUPPORTED_CODING = Problem.builder(ProblemTypes.UNSUPPORTED_TRANSFER_CODING, 501,
            "Not Implemented").detail("The only transfer coding accepted is chunked.").build();
    private static final Problem UNFORWARDABLE_HEADER = Problem.builder(ProblemTypes.BAD_REQUEST, 400, "Bad Request")
            .detail("A request header holds a character the gateway cannot forward.").build();
    /** Sent with a framing refusal: the body that follows cannot be delimited safely. */
    private static final HttpHeaders CLOSE = HttpHeaders.builder().set("Connection", "close").build();

    private final TrustedProxies trusted;
    private final ForwardedResolver resolver;
    private final PathGuard paths;
    private final MethodGuard methods;
    private final String requestIdHeader;
    private final TraceContexts traces;
    private final boolean countBodies;
    private final ExchangeTracer tracer;

    Intake(TrustedProxies trusted, boolean rfc7239, PathGuard paths, MethodGuard methods, String requestIdHeader,
           TraceContexts traces, boolean countBodies, ExchangeTracer tracer) {
        this.trusted = trusted;
        this.resolver = new ForwardedResolver(trusted, rfc7239);
        this.paths = paths;
        this.methods = methods;
        this.requestIdHeader = requestIdHeader;
        this.traces = traces;
        this.countBodies = countBodies;
        this.tracer = tracer;
    }

    /**
     * What intake made of a request: a request for the pipeline, or a refusal.
     *
     * @param id the request id
     * @param peer the socket peer
     * @param request the request, or null when refused
     * @param refusal the problem, or null when accepted
     * @param refusalHeaders headers to send with the refusal
     * @param trace the trace context, or null when trace context is off
     */
    record Result(String id, InetAddress peer, GatewayRequest request, Problem refusal, HttpHeaders refusalHeaders,
                  TraceContext trace) {
        /**
         * @param id the request id
         * @param peer the socket peer
         * @param refusal the problem
         * @param headers headers to send with it
         * @param trace the trace context, or null
         * @return a refusal
         */
        static Result refused(String id, InetAddress peer, Problem refusal, HttpHeaders headers, TraceContext trace) {
            return new Result(id, peer, null, refusal, headers, trace);
        }
    }

    /** @return the socket peer of {@code incoming}, or one that is never trusted when it is not an IP literal */
    static InetAddress peerOf(IncomingRequest incoming) {
        return IpLiterals.parse(incoming.peerAddress()).orElse(TrustedProxies.UNKNOWN_PEER);
    }

    /**
     * @param incoming the request as the container read it
     * @param peer its socket peer, {@link #peerOf}
     * @return its trace context under the policy, or null when trace context is off
     */
    TraceContext traceOf(IncomingRequest incoming, InetAddress peer) {
        return traces.contextFor(incoming.headers(), peer);
    }

    /** @return whether a tracer opens a span per exchange */
    boolean traced() {
        return tracer != null;
    }

    /**
     * @param started the exchange as it opens, with the context its trace policy decided
     * @return the exchange's span, or null when the tracer failed (logged) or returned none
     * @throws NullPointerException when no tracer is set: ask {@link #traced()} first
     */
    ExchangeSpan openSpan(ExchangeEvent.Started started) {
        try {
            return tracer.start(started);
        } catch (RuntimeException e) {
            LOG.warn("request {}: the tracer {} failed; the exchange goes on untraced", started.requestId(),
                    tracer.getClass().getName(), e);
            return null;
        }
    }

    /**
     * @param incoming the request as the container read it
     * @return the request id, the trace context, and either the gateway's request or the problem refusing it
     */
    Result read(IncomingRequest incoming) {
        InetAddress peer = peerOf(incoming);
        String id = RequestIds.choose(incoming.headers().first(requestIdHeader).orElse(null), trusted.trusts(peer));
        TraceContext trace = traceOf(incoming, peer);
        Optional<Problem> badMethod = methods.check(incoming.method());
        if (badMethod.isPresent()) {
            return Result.refused(id, peer, badMethod.get(), HttpHeaders.empty(), trace);
        }
        Optional<Problem> badFraming = framing(incoming);
        if (badFraming.isPresent()) {
            return Result.refused(id, peer, badFraming.get(), CLOSE, trace);
        }
        Optional<String> invalid = paths.check(incoming.rawPath(), incoming.rawQuery());
        if (invalid.isPresent()) {
            return Result.refused(id, peer, Problem.builder(ProblemTypes.INVALID_PATH, 400, "Invalid Path")
                    .detail(invalid.get()).build(), HttpHeaders.empty(), trace);
        }
        HttpHeaders headers;
        try {
            headers = HeaderHygiene.endToEnd(incoming.headers());
        } catch (IllegalArgumentException e) {
            return Result.refused(id, peer, UNFORWARDABLE_HEADER, HttpHeaders.empty(), trace);
        }
        long length = incoming.declaredLength();
        String host = headers.first("Host").orElse(incoming.serverName() + ':' + incoming.serverPort());
        ClientOrigin origin = resolver.resolve(peer, headers, incoming.scheme(), host);
        Body body = length == 0 ? Body.empty() : incoming.body().open(length);
        GatewayRequest.Builder request = GatewayRequest.builder()
                .id(id)
                .method(incoming.method())
                .scheme(origin.scheme())
                .authority(origin.authority())
                .rawPath(incoming.rawPath())
                .rawQuery(incoming.rawQuery())
                .headers(headers)
                .clientAddress(origin.address())
                .peerAddress(peer)
                .body(countBodies && length != 0 ? new CountingBody(body) : body);
        Attributes attributes = trace == null ? Attributes.empty()
                : Attributes.empty().with(TraceContext.ATTRIBUTE, trace);
        Optional<String> upgrade = HeaderHygiene.requestedUpgrade(incoming.headers());
        if (upgrade.isPresent()) {
            attributes = attributes.with(HeaderHygiene.REQUESTED_UPGRADE, upgrade.get());
        }
        return new Result(id, peer, request.attributes(attributes).build(), null, null, trace);
    }

    /**
     * A {@code Transfer-Encoding} on an HTTP/1.0 request is faulty framing (RFC 9112 §6.1, 400), and any transfer
     * coding other than exactly {@code chunked} ({@code gzip, chunked} included) is refused (501).
     */
    private static Optional<Problem> framing(IncomingRequest incoming) {
        List<String> codings = incoming.headers().all("Transfer-Encoding");
        if (codings.isEmpty()) {
            return Optional.empty();
        }
        if ("HTTP/1.0".equals(incoming.protocol())) {
            return Optional.of(HTTP10_CODING);
        }
        if (codings.size() != 1 || !codings.get(0).trim().equalsIgnoreCase("chunked")) {
            return Optional.of(UNSUPPORTED_CODING);
        }
        return Optional.empty();
    }
}
