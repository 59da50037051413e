package dev.portcullis.servlet.internal;

import dev.portcullis.core.logging.RequestMdc;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.function.Supplier;

/**
 * Writes a body publisher to a servlet output stream with non-blocking I/O ({@link WriteListener}): one buffer is
 * requested at a time, written when the container says the stream is ready, and flushed, so streamed responses
 * (server-sent events) reach the client chunk by chunk. The upstream is asked for more only once the last buffer is
 * written: a slow client slows the upstream down instead of filling memory.
 *
 * <p>A buffer passed to {@code onNext} is handed over (the {@link dev.portcullis.api.Body} contract), so one the output
 * cannot take at once is kept until it can, without a copy.
 *
 * <p>Every signal, from the upstream client's threads or the container's, runs with the exchange's MDC entries in
 * place, so whatever it logs carries the request's ids.
 */
public final class ResponsePump implements Flow.Subscriber<ByteBuffer> {
    private final ServletOutputStream output;
    private final Outcome outcome;
    private final Supplier<RequestMdc.Scope> mdc;
    private Flow.Subscription subscription;
    private ByteBuffer pending;
    private boolean requested;
    private boolean upstreamDone;
    private boolean finished;
    private boolean draining;
    private boolean needsFlush;
    private long written;

    /** What becomes of the pump: exactly one call per pump. */
    public interface Outcome {
        /** @param written every body byte was written and flushed: this many */
        void completed(long written);

        /** @param failure the upstream body failed after the response started */
        void upstreamFailed(Throwable failure);

        /** @param failure writing to the client failed: the client is gone */
        void clientFailed(Throwable failure);
    }

    /**
     * @param output the output stream, not yet in non-blocking mode
     * @param outcome told how the pump ends
     * @param mdc opens the exchange's MDC scope on the calling thread
     */
    public ResponsePump(ServletOutputStream output, Outcome outcome, Supplier<RequestMdc.Scope> mdc) {
        this.output = output;
        this.outcome = outcome;
        this.mdc = mdc;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        synchronized (this) {
            subscription = s;
        }
        output.setWriteListener(new WriteListener() {
            @Override
            public void onWritePossible() {
                try (RequestMdc.Scope scope = mdc.get()) {
                    drain();
                }
            }

            @Override
            public void onError(Throwable failure) {
                try (RequestMdc.Scope scope = mdc.get()) {
                    clientGone(failure);
                }
            }
        });
    }

    @Override
    public void onNext(ByteBuffer buffer) {
        synchronized (this) {
            pending = buffer;
            requested = false;
        }
        try (RequestMdc.Scope scope = mdc.get()) {
            drain();
        }
    }

    @Override
    public void onError(Throwable failure) {
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
        }
        try (RequestMdc.Scope scope = mdc.get()) {
            outcome.upstreamFailed(failure);
        }
    }

    @Override
    public void onComplete() {
        synchronized (this) {
            upstreamDone = true;
        }
        try (RequestMdc.Scope scope = mdc.get()) {
            drain();
        }
    }

    /**
     * Stops the pump because the client went away; cancels the upstream body.
     *
     * @param failure why
     */
    public void clientGone(Throwable failure) {
        Flow.Subscription s;
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
            s = subscription;
        }
        if (s != null) {
            s.cancel();
        }
        outcome.clientFailed(failure);
    }

    private void drain() {
        boolean completed = false;
        synchronized (this) {
            if (draining || finished || subscription == null) {
                return;
            }
            draining = true;
            try {
                completed = writeWhileReady();
            } catch (IOException | RuntimeException e) {
                draining = false;
                clientGone(e);
                return;
            } finally {
                draining = false;
            }
        }
        if (completed) {
            outcome.completed(bytesWritten());
        }
    }

    /** @return whether the body is completely written */
    private boolean writeWhileReady() throws IOException {
        while (!finished && output.isReady()) {
            if (pending != null) {
                write(pending);
                pending = null;
                needsFlush = true;
            } else if (needsFlush) {
                needsFlush = false;
                output.flush();
            } else if (upstreamDone) {
                finished = true;
                return true;
            } else {
                if (!requested) {
                    requested = true;
                    subscription.request(1);
                }
                if (pending == null && !upstreamDone) {
                    return false;
                }
            }
        }
        return false;
    }

    private synchronized long bytesWritten() {
        return written;
    }

    private void write(ByteBuffer buffer) throws IOException {
        written += buffer.remaining();
        if (buffer.hasArray()) {
            output.write(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
        } else {
            byte[] copy = new byte[buffer.remaining()];
            buffer.get(copy);
            output.write(copy);
        }
    }
}
