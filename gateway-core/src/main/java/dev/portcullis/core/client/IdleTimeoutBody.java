package dev.portcullis.core.client;

import dev.portcullis.api.Body;
import dev.portcullis.api.ForwardingBody;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A response body that fails with an {@link HttpTimeoutException} and cancels its source when the source leaves a
 * request for more bytes unanswered for longer than the idle timeout. The clock runs only while the subscriber has
 * asked for bytes, so a slow client never counts against the upstream.
 */
final class IdleTimeoutBody extends ForwardingBody {
    private final ScheduledExecutorService scheduler;
    private final Duration timeout;

    IdleTimeoutBody(Body source, ScheduledExecutorService scheduler, Duration timeout) {
        super(source);
        this.scheduler = scheduler;
        this.timeout = timeout;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        source().subscribe(new Relay(subscriber));
    }

    /**
     * Passes signals through and keeps the timer. A signal in flight ({@code delivering}) holds the timer off, so the
     * timeout's {@code onError} never overlaps an {@code onNext}; no lock is held while calling the subscriber.
     */
    private final class Relay implements Flow.Subscriber<ByteBuffer>, Flow.Subscription {
        private final Flow.Subscriber<? super ByteBuffer> subscriber;
        private Flow.Subscription upstream;
        private long outstanding;
        private boolean delivering;
        private boolean done;
        private ScheduledFuture<?> timer;

        Relay(Flow.Subscriber<? super ByteBuffer> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            synchronized (this) {
                upstream = subscription;
            }
            subscriber.onSubscribe(this);
        }

        @Override
        public void request(long n) {
            synchronized (this) {
                if (n > 0) {
                    outstanding = outstanding + n < 0 ? Long.MAX_VALUE : outstanding + n;
                    arm();
                }
            }
            upstream.request(n);
        }

        @Override
        public void cancel() {
            synchronized (this) {
                done = true;
                disarm();
            }
            upstream.cancel();
        }

        @Override
        public void onNext(ByteBuffer item) {
            synchronized (this) {
                if (done) {
                    return;
                }
                delivering = true;
                outstanding--;
                disarm();
            }
            subscriber.onNext(item);
            synchronized (this) {
                delivering = false;
                arm();
            }
        }

        @Override
        public void onError(Throwable failure) {
            if (end()) {
                subscriber.onError(failure);
            }
        }

        @Override
        public void onComplete() {
            if (end()) {
                subscriber.onComplete();
            }
        }

        private synchronized boolean end() {
            if (done) {
                return false;
            }
            done = true;
            disarm();
            return true;
        }

        private void expire() {
            synchronized (this) {
                timer = null;
                if (done || delivering) {
                    return;
                }
                done = true;
            }
            upstream.cancel();
            subscriber.onError(new HttpTimeoutException("the upstream sent no body bytes for "
                    + timeout.toMillis() + " ms"));
        }

        /** Starts the clock if bytes are wanted and it is not running; called holding the lock. */
        private void arm() {
            if (!done && !delivering && outstanding > 0 && timer == null) {
                timer = scheduler.schedule(this::expire, timeout.toNanos(), TimeUnit.NANOSECONDS);
            }
        }

        private void disarm() {
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
        }
    }
}
