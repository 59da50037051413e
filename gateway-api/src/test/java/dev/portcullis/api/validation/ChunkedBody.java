package dev.portcullis.api.validation;

import dev.portcullis.api.Body;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** A streamed body of unknown length (like a chunked upload) that records how far it was read and if cancelled. */
final class ChunkedBody implements Body {
    final AtomicInteger delivered = new AtomicInteger();
    final AtomicBoolean cancelled = new AtomicBoolean();
    private final int chunks;
    private final int chunkSize;

    ChunkedBody(int chunks, int chunkSize) {
        this.chunks = chunks;
        this.chunkSize = chunkSize;
    }

    @Override
    public long contentLength() {
        return -1;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        subscriber.onSubscribe(new Flow.Subscription() {
            private long demand;
            private boolean emitting;

            @Override
            public void request(long n) {
                demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
                if (emitting) {
                    return;
                }
                emitting = true;
                while (demand > 0 && !cancelled.get() && delivered.get() < chunks) {
                    demand--;
                    delivered.incrementAndGet();
                    subscriber.onNext(ByteBuffer.wrap(new byte[chunkSize]));
                }
                emitting = false;
                if (!cancelled.get() && delivered.get() == chunks) {
                    cancelled.set(true);
                    subscriber.onComplete();
                }
            }

            @Override
            public void cancel() {
                cancelled.set(true);
            }
        });
    }
}
