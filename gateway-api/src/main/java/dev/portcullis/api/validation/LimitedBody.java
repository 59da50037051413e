package dev.portcullis.api.validation;

import dev.portcullis.api.Body;
import dev.portcullis.api.ForwardingBody;
import dev.portcullis.api.ForwardingSubscriber;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;

/** A body that counts the bytes of its source and turns the first byte past the cap into a 413 error. */
final class LimitedBody extends ForwardingBody {
    private final long maxBytes;

    LimitedBody(Body source, long maxBytes) {
        super(source);
        this.maxBytes = maxBytes;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        if (contentLength() > maxBytes) {
            Body.failed(BodyLimits.tooLarge(maxBytes), contentLength()).subscribe(subscriber);
            return;
        }
        source().subscribe(new Counting(subscriber));
    }

    private final class Counting extends ForwardingSubscriber {
        private Flow.Subscription subscription;
        private long seen;
        private volatile boolean failed;

        Counting(Flow.Subscriber<? super ByteBuffer> downstream) {
            super(downstream);
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            super.onSubscribe(subscription);
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
                super.onError(BodyLimits.tooLarge(maxBytes));
                return;
            }
            super.onNext(buffer);
        }

        @Override
        public void onError(Throwable error) {
            if (!failed) {
                super.onError(error);
            }
        }

        @Override
        public void onComplete() {
            if (!failed) {
                super.onComplete();
            }
        }
    }
}
