package dev.portcullis.client.jetty;

import dev.portcullis.api.Body;
import java.nio.ByteBuffer;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.io.Content;

/**
 * The upstream's response body: a Jetty {@link Content.Source} exposed as a {@link Body}. Nothing is read from the
 * connection beyond what the subscriber requested; each chunk is copied into its own buffer and released to Jetty's
 * pool at once, so the subscriber may keep buffers as long as it likes. Cancelling the subscription aborts the
 * exchange, which closes its connection. Subscribable once.
 */
final class SourceBody implements Body {
    private final Content.Source source;
    private final long contentLength;
    private final Request request;
    private final AtomicBoolean subscribed = new AtomicBoolean();

    SourceBody(Content.Source source, long contentLength, Request request) {
        this.source = source;
        this.contentLength = contentLength;
        this.request = request;
    }

    @Override
    public long contentLength() {
        return contentLength;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        if (!subscribed.compareAndSet(false, true)) {
            Body.failed(new IllegalStateException("the upstream response body was already subscribed to"),
                    contentLength).subscribe(subscriber);
            return;
        }
        Pump pump = new Pump(subscriber);
        subscriber.onSubscribe(pump);
        pump.drain();
    }

    /**
     * Moves chunks from the source to the subscriber while it has demand, one thread at a time; at most one Jetty
     * demand is pending.
     */
    private final class Pump implements Flow.Subscription, Runnable {
        private final Flow.Subscriber<? super ByteBuffer> subscriber;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicInteger work = new AtomicInteger();
        private volatile boolean done;
        private volatile boolean awaitingData;

        Pump(Flow.Subscriber<? super ByteBuffer> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                cancel();
                subscriber.onError(new IllegalArgumentException("request(" + n + "): demand must be positive"));
                return;
            }
            demand.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
            drain();
        }

        @Override
        public void cancel() {
            if (!done) {
                done = true;
                request.abort(new CancellationException("the response body subscription was cancelled"));
            }
        }

        @Override
        public void run() {
            awaitingData = false;
            drain();
        }

        void drain() {
            if (work.getAndIncrement() != 0) {
                return;
            }
            do {
                pump();
            } while (work.decrementAndGet() != 0);
        }

        private void pump() {
            while (!done && !awaitingData && demand.get() > 0) {
                Content.Chunk chunk = source.read();
                if (chunk == null) {
                    awaitingData = true;
                    source.demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    done = true;
                    request.abort(chunk.getFailure());
                    subscriber.onError(Failures.translate(chunk.getFailure()));
                    return;
                }
                boolean last = chunk.isLast();
                if (chunk.hasRemaining()) {
                    ByteBuffer copy = ByteBuffer.allocate(chunk.remaining()).put(chunk.getByteBuffer()).flip();
                    chunk.release();
                    demand.decrementAndGet();
                    subscriber.onNext(copy);
                } else {
                    chunk.release();
                }
                if (last) {
                    done = true;
                    subscriber.onComplete();
                }
            }
        }
    }
}
