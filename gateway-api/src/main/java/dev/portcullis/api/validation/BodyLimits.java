package dev.portcullis.api.validation;

import dev.portcullis.api.Body;
import dev.portcullis.api.Problem;
import dev.portcullis.api.ProblemException;
import dev.portcullis.api.ProblemTypes;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Byte caps for bodies, shared by the guards, the validators and the proxy. Nothing here blocks or buffers more than
 * the cap.
 *
 * <ul>
 *   <li>{@link #collect(Body, long)} buffers a whole body, asynchronously, up to a cap;</li>
 *   <li>{@link #limit(Body, long)} streams a body through and signals {@code onError(ProblemException)} (413) as soon
 *       as it goes over the cap, cancelling its source.</li>
 * </ul>
 * A body whose declared {@link Body#contentLength()} is already over the cap fails without being read.
 *
 * <pre>{@code
 * BodyLimits.collect(request.body(), 64 * 1024)
 *     .thenApply(bytes -> request.toBuilder().body(Body.of(bytes)).build());
 * GatewayRequest capped = request.toBuilder().body(BodyLimits.limit(request.body(), 1 << 20)).build();
 * }</pre>
 */
public final class BodyLimits {
    private BodyLimits() {
    }

    /**
     * Reads a body into memory, never holding more than {@code maxBytes}.
     *
     * @param body the body; subscribed to once
     * @param maxBytes the cap, at least 0
     * @return the bytes, or a stage failed with a {@link ProblemException} (413) when the body is larger, or with
     *     the body's own error
     */
    public static CompletionStage<byte[]> collect(Body body, long maxBytes) {
        Objects.requireNonNull(body, "body");
        requireCap(maxBytes);
        if (body.contentLength() > maxBytes) {
            return CompletableFuture.failedFuture(tooLarge(maxBytes));
        }
        CappedCollector collector = new CappedCollector(maxBytes, body.contentLength());
        body.subscribe(collector);
        return collector.result();
    }

    /**
     * Wraps a body so it delivers at most {@code maxBytes}; past that its subscriber receives
     * {@code onError(ProblemException)} with a 413 problem and the source is cancelled.
     *
     * @param body the body
     * @param maxBytes the cap, at least 0
     * @return the counting body, with the same content length
     */
    public static Body limit(Body body, long maxBytes) {
        Objects.requireNonNull(body, "body");
        requireCap(maxBytes);
        return new LimitedBody(body, maxBytes);
    }

    /**
     * @param maxBytes the cap that was exceeded
     * @return the exception carrying the {@link ProblemTypes#PAYLOAD_TOO_LARGE} problem (413)
     */
    public static ProblemException tooLarge(long maxBytes) {
        return new ProblemException(Problem.builder(ProblemTypes.PAYLOAD_TOO_LARGE, 413, "Payload Too Large")
                .detail("The request body is larger than " + maxBytes + " bytes.")
                .extension("maxBytes", maxBytes)
                .build());
    }

    private static void requireCap(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must not be negative: " + maxBytes);
        }
    }
}
