package dev.portcullis.api;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.Flow;

/** A body whose every subscriber is failed at once; see {@link Body#failed(Throwable, long)}. */
final class FailedBody implements Body {
    private static final Flow.Subscription IGNORED = new Flow.Subscription() {
        @Override
        public void request(long n) {
        }

        @Override
        public void cancel() {
        }
    };

    private final Throwable failure;
    private final long contentLength;

    /**
     * @param failure what every subscriber receives
     * @param contentLength the length to report
     */
    FailedBody(Throwable failure, long contentLength) {
        this.failure = Objects.requireNonNull(failure, "failure");
        this.contentLength = contentLength;
    }

    @Override
    public long contentLength() {
        return contentLength;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        subscriber.onSubscribe(IGNORED);
        subscriber.onError(failure);
    }
}
