package dev.portcullis.api.validation;

import dev.portcullis.api.Body;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;

/** A body that counts the bytes of its source and turns the first byte past the cap into a 413 error. */
final class LimitedBody implements Body {
    private final Body source;
    private final long maxBytes;

    LimitedBody(Body source, long maxBytes) {
        this.source = source;
        this.maxBytes = maxBytes;
    }

    @Override
    public long contentLength() {
        return source.contentLength();
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        if (source.contentLength() > maxBytes) {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            subscriber.onError(BodyLimits.tooLarge(maxBytes));
            return;
        }
        source.subscribe(new Counting(subscriber));
    }

    private final class Counting implements Flow.Subscriber<ByteBuffer> {
        private final Flow.Subscriber<? super ByteBuffer> downstream;
        private Flow.Subscription subscription;
        private long seen;
        private volatile boolean failed;

        Counting(Flow.Subscriber<? super ByteBuffer> downstream) {
            this.downstream = downstream;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            downstream.onSubscribe(subscription);
        }

        @Override
        public void onNext(ByteBuffer buffer) {
            if (failed) {
                return;
            }
            seen += buffer.remaining();
            if (seen > maxBytes) {
                failed = true;
                subscription.cancel();
                downstream.onError(BodyLimits.tooLarge(maxBytes));
                return;
            }
            downstream.onNext(buffer);
        }

        @Override
        public void onError(Throwable error) {
            if (!failed) {
                downstream.onError(error);
            }
        }

        @Override
        public void onComplete() {
            if (!failed) {
                downstream.onComplete();
            }
        }
    }
}
