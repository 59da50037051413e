package dev.portcullis.client.jetty;

import dev.portcullis.api.Body;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;

/** Test bodies: a streamed request body fed by the test, and a subscriber that collects what it receives. */
final class Bodies {
    private Bodies() {
    }

    /**
     * A streamed request body the test feeds after the client subscribed: buffers wait in a queue and go out only
     * on demand.
     */
    static final class Feed implements Body, Flow.Subscription {
        private final long length;
        private final BlockingQueue<ByteBuffer> queue = new LinkedBlockingQueue<>();
        private Flow.Subscriber<? super ByteBuffer> subscriber;
        private long demand;
        private boolean closed;
        private boolean done;
        private boolean draining;

        Feed(long length) {
            this.length = length;
        }

        @Override
        public long contentLength() {
            return length;
        }

        @Override
        public void subscribe(Flow.Subscriber<? super ByteBuffer> s) {
            synchronized (this) {
                subscriber = s;
            }
            s.onSubscribe(this);
            drain();
        }

        void send(String text) {
            queue.add(utf8(text));
            drain();
        }

        void close() {
            synchronized (this) {
                closed = true;
            }
            drain();
        }

        @Override
        public void request(long n) {
            synchronized (this) {
                demand += n;
            }
            drain();
        }

        @Override
        public synchronized void cancel() {
            done = true;
        }

        private synchronized void drain() {
            if (draining || subscriber == null) {
                return;
            }
            draining = true;
            while (!done && demand > 0 && !queue.isEmpty()) {
                demand--;
                subscriber.onNext(queue.poll());
            }
            if (!done && closed && queue.isEmpty()) {
                done = true;
                subscriber.onComplete();
            }
            draining = false;
        }
    }

    static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Requests one buffer at a time, only after the test took the previous one from {@link #chunks}. */
    static final class Collector implements Flow.Subscriber<ByteBuffer> {
        final BlockingQueue<String> chunks = new LinkedBlockingQueue<>();
        final CompletableFuture<byte[]> all = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final boolean autoRequest;
        volatile Flow.Subscription subscription;

        Collector(boolean autoRequest) {
            this.autoRequest = autoRequest;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(ByteBuffer buffer) {
            byte[] chunk = new byte[buffer.remaining()];
            buffer.get(chunk);
            bytes.writeBytes(chunk);
            chunks.add(new String(chunk, StandardCharsets.ISO_8859_1));
            if (autoRequest) {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable failure) {
            all.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            all.complete(bytes.toByteArray());
        }
    }
}
