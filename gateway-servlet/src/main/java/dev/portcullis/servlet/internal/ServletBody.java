package dev.portcullis.servlet.internal;

import dev.portcullis.api.Body;
import dev.portcullis.api.Problem;
import dev.portcullis.api.ProblemException;
import dev.portcullis.api.ProblemTypes;
import dev.portcullis.core.logging.RequestMdc;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The client's request body as a {@link Body}, read with servlet non-blocking I/O ({@link ReadListener}) at the
 * pace the subscriber requests. Nothing is read until someone subscribes; subscribing switches the request to async
 * mode through the {@link AsyncMode}. One subscriber only; a second receives {@code onError}. A read that fails (the
 * container refused the framing, e.g. a bad chunk-size line, or the client went away) is the client's fault: the
 * subscriber receives a {@link ProblemException} with a 400 problem, never a bare {@link IOException} that would be
 * taken for an upstream failure.
 *
 * <p>Each read allocates a buffer sized to the data still expected: at most {@link #LARGEST_READ} bytes for a body
 * of declared length, at most {@link #CHUNKED_READ} bytes for a chunked one, so a small body never costs a large
 * buffer per exchange.
 */
public final class ServletBody implements Body {
    /** The largest buffer one read allocates, for a declared length of at least this many bytes. */
    static final int LARGEST_READ = 16 * 1024;
    /** The buffer one read allocates when the length is unknown (a chunked body). */
    static final int CHUNKED_READ = 4 * 1024;
    private final AsyncMode async;
    private final long contentLength;
    private final Supplier<RequestMdc.Scope> mdc;
    private final AtomicBoolean subscribed = new AtomicBoolean();

    /**
     * @param async starts async mode and hands out the input stream
     * @param contentLength the declared length, or -1 for a chunked body
     * @param mdc opens the exchange's MDC scope on the calling thread
     */
    public ServletBody(AsyncMode async, long contentLength, Supplier<RequestMdc.Scope> mdc) {
        this.async = async;
        this.contentLength = contentLength;
        this.mdc = mdc;
    }

    /** Starts servlet async mode on first use and provides the request's input stream. */
    public interface AsyncMode {
        /**
         * @return the request's input stream, after async mode has started
         * @throws IOException if the stream cannot be opened
         */
        ServletInputStream startAsyncAndOpen() throws IOException;
    }

    @Override
    public long contentLength() {
        return contentLength;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        if (!subscribed.compareAndSet(false, true)) {
            Body.failed(new IllegalStateException("the request body can be subscribed to only once"), contentLength)
                    .subscribe(subscriber);
            return;
        }
        ServletInputStream input;
        try {
            input = async.startAsyncAndOpen();
        } catch (IOException | RuntimeException e) {
            Body.failed(e, contentLength).subscribe(subscriber);
            return;
        }
        Reader reader = new Reader(input, subscriber, contentLength, mdc);
        subscriber.onSubscribe(reader);
        input.setReadListener(reader);
    }

    /**
     * @param remaining the bytes still expected, or -1 when the length is unknown
     * @return the size of the buffer for the next read: sized to the data, never above {@link #LARGEST_READ}
     */
    static int readSize(long remaining) {
        if (remaining < 0) {
            return CHUNKED_READ;
        }
        return (int) Math.max(1, Math.min(LARGEST_READ, remaining));
    }

    /** Reads while there is demand and data; the container calls back when more data arrives. */
    private static final class Reader implements Flow.Subscription, ReadListener {
        private final ServletInputStream input;
        private final Flow.Subscriber<? super ByteBuffer> subscriber;
        private final Supplier<RequestMdc.Scope> mdc;
        private long remaining;
        private long demand;
        private boolean draining;
        private boolean insideIsReady;
        private boolean listening;
        private boolean done;

        Reader(ServletInputStream input, Flow.Subscriber<? super ByteBuffer> subscriber, long contentLength,
               Supplier<RequestMdc.Scope> mdc) {
            this.input = input;
            this.subscriber = subscriber;
            this.remaining = contentLength;
            this.mdc = mdc;
        }

        @Override
        public void request(long n) {
            try (RequestMdc.Scope scope = mdc.get()) {
                synchronized (this) {
                    if (n <= 0) {
                        fail(new IllegalArgumentException("demand must be positive: " + n));
                        return;
                    }
                    demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
                }
                drain();
            }
        }

        @Override
        public synchronized void cancel() {
            done = true;
        }

        /**
         * Jetty may call this on the thread that is inside {@code isReady()}, while {@link #drain()} runs: then it
         * must read here, inside the callback, or Jetty never calls back again. Reads cannot reorder, because
         * {@code isReady()} returns no data.
         */
        @Override
        public synchronized void onDataAvailable() {
            listening = true;
            if (!draining || insideIsReady) {
                try (RequestMdc.Scope scope = mdc.get()) {
                    readWhileReady();
                }
            }
        }

        @Override
        public synchronized void onAllDataRead() {
            try (RequestMdc.Scope scope = mdc.get()) {
                finish();
            }
        }

        @Override
        public synchronized void onError(Throwable failure) {
            try (RequestMdc.Scope scope = mdc.get()) {
                fail(failure instanceof IOException ? malformed() : failure);
            }
        }

        private synchronized void drain() {
            if (!draining && listening) {
                readWhileReady();
            }
        }

        private void readWhileReady() {
            boolean outer = draining;
            draining = true;
            try {
                while (!done && demand > 0 && ready()) {
                    byte[] chunk = new byte[readSize(remaining)];
                    int read = input.read(chunk);
                    if (read < 0) {
                        finish();
                    } else if (read > 0) {
                        remaining = remaining < 0 ? remaining : Math.max(0, remaining - read);
                        demand--;
                        subscriber.onNext(ByteBuffer.wrap(chunk, 0, read));
                    }
                }
                if (!done && input.isFinished()) {
                    finish();
                }
            } catch (IOException e) {
                fail(malformed());
            } catch (RuntimeException e) {
                fail(e);
            } finally {
                draining = outer;
            }
        }

        private boolean ready() {
            boolean outer = insideIsReady;
            insideIsReady = true;
            try {
                return input.isReady();
            } finally {
                insideIsReady = outer;
            }
        }

        private void finish() {
            if (!done) {
                done = true;
                subscriber.onComplete();
            }
        }

        private static ProblemException malformed() {
            return new ProblemException(Problem.builder(ProblemTypes.BAD_REQUEST, 400, "Bad Request")
                    .detail("The request body is malformed or ended early.").build());
        }

        private void fail(Throwable failure) {
            if (!done) {
                done = true;
                subscriber.onError(failure);
            }
        }
    }
}
