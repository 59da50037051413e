package dev.portcullis.core.client;

import java.io.IOException;

/**
 * Thrown (as the failure of {@link UpstreamClient#exchange}) by an upstream client whose own local capacity is
 * exhausted, for instance a full per-destination request queue: the request was never sent, so this is the
 * gateway's overload, not the upstream's fault. The gateway answers it with {@code 503}
 * {@link dev.portcullis.api.ProblemTypes#OVERLOADED overloaded} and {@code Retry-After}, never with a 502, and does
 * not log it as an upstream failure.
 */
public class UpstreamCapacityExceededException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what ran out, without naming the upstream host
     * @param cause the client's own failure, or {@code null}
     */
    public UpstreamCapacityExceededException(String message, Throwable cause) {
        super(message, cause);
    }
}
