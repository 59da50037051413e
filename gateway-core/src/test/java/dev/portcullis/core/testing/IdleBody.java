package dev.portcullis.core.testing;

import dev.portcullis.api.Body;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An upstream response body, standing in for a pooled connection, that never sends a byte and counts its
 * subscriptions and the cancellations that release the connection.
 */
public final class IdleBody implements Body {
    public final AtomicInteger subscriptions = new AtomicInteger();
    private final AtomicInteger cancellations;
    private final long length;

    /**
     * @param cancellations counts every cancellation of every subscription
     * @param length the length to declare
     */
    public IdleBody(AtomicInteger cancellations, long length) {
        this.cancellations = cancellations;
        this.length = length;
    }

    @Override
    public long contentLength() {
        return length;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        subscriptions.incrementAndGet();
        subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
            }

            @Override
            public void cancel() {
                cancellations.incrementAndGet();
            }
        });
    }
}
