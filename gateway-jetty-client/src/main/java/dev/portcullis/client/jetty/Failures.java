package dev.portcullis.client.jetty;

import dev.portcullis.core.client.UpstreamCapacityExceededException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Translates Jetty's failures into the {@link dev.portcullis.core.client.UpstreamClient} contract: any timeout
 * becomes an {@link HttpTimeoutException}, a cancellation stays one, a full per-destination request queue (Jetty's
 * {@link RejectedExecutionException}) becomes an {@link UpstreamCapacityExceededException}, an {@link IOException} stays as it is and
 * anything else (a failed request body) is wrapped in an {@link IOException} that keeps it as the
 * cause.
 */
final class Failures {
    private Failures() {
    }

    static Throwable translate(Throwable failure) {
        if (failure instanceof HttpTimeoutException || failure instanceof CancellationException) {
            return failure;
        }
        if (failure instanceof TimeoutException || failure instanceof SocketTimeoutException) {
            HttpTimeoutException timeout = new HttpTimeoutException(String.valueOf(failure.getMessage()));
            timeout.initCause(failure);
            return timeout;
        }
        if (failure instanceof RejectedExecutionException) {
            return new UpstreamCapacityExceededException("the upstream request queue is full", failure);
        }
        if (failure instanceof IOException) {
            return failure;
        }
        return new IOException(String.valueOf(failure.getMessage()), failure);
    }
}
