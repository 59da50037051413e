package dev.portcullis.api;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/** A replayable body over a byte array: each subscriber receives one read-only buffer, then completion. */
final class BytesBody implements Body {
    /** The shared empty body. */
    static final BytesBody EMPTY = new BytesBody(new byte[0]);

    private final byte[] bytes;

    /** @param bytes the content, not copied */
    BytesBody(byte[] bytes) {
        this.bytes = Objects.requireNonNull(bytes, "bytes");
    }

    @Override
    public long contentLength() {
        return bytes.length;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        subscriber.onSubscribe(new OneShot(subscriber));
    }

    private final class OneShot implements Flow.Subscription {
        private final Flow.Subscriber<? super ByteBuffer> subscriber;
        private final AtomicBoolean done = new AtomicBoolean();

        OneShot(Flow.Subscriber<? super ByteBuffer> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                if (done.compareAndSet(false, true)) {
                    subscriber.onError(new IllegalArgumentException("request(" + n + "): demand must be positive"));
                }
                return;
            }
            if (done.compareAndSet(false, true)) {
                if (bytes.length > 0) {
                    subscriber.onNext(ByteBuffer.wrap(bytes).asReadOnlyBuffer());
                }
                subscriber.onComplete();
            }
        }

        @Override
        public void cancel() {
            done.set(true);
        }
    }
}
