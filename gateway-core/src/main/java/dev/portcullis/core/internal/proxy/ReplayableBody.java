package dev.portcullis.core.internal.proxy;

import dev.portcullis.api.Body;
import dev.portcullis.api.ForwardingBody;
import dev.portcullis.api.ForwardingSubscriber;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Flow;

/**
 * A request body that can be sent again for a retry when, and only when, that is safe: it was never read (a connect
 * failure before the body was sent), or it was read to its end within a byte cap (its end being its completion, or
 * its declared length reached: a client may stop reading there). While the first try streams it, a copy is kept, up
 * to the cap; a body that goes over the cap, fails or is cancelled before its end cannot be sent again. The copy is
 * made as the bytes pass, so the first try is not delayed.
 *
 * <pre>{@code
 * ReplayableBody body = new ReplayableBody(request.body(), 16 * 1024);
 * send(body);
 * Optional<Body> again = body.replay();   // empty: no retry
 * }</pre>
 */
final class ReplayableBody extends ForwardingBody {
    private enum State { UNREAD, READING, KEPT, LOST }

    private final int cap;
    private State state = State.UNREAD;
    private byte[] copy = new byte[0];
    private int size;

    /**
     * @param source the body
     * @param cap the most bytes kept
     */
    ReplayableBody(Body source, int cap) {
        super(source);
        this.cap = cap;
    }

    /** @return a body with the same bytes for another try, or empty when they cannot be sent again */
    synchronized Optional<Body> replay() {
        if (state == State.UNREAD) {
            return Optional.of(this);
        }
        return state == State.KEPT ? Optional.of(Body.of(Arrays.copyOf(copy, size))) : Optional.empty();
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        boolean first;
        synchronized (this) {
            first = state == State.UNREAD;
            if (first) {
                state = contentLength() <= cap ? State.READING : State.LOST;
            }
        }
        if (!first) {
            source().subscribe(subscriber);
            return;
        }
        source().subscribe(new ForwardingSubscriber(subscriber) {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                super.onSubscribe(new Flow.Subscription() {
                    @Override
                    public void request(long n) {
                        subscription.request(n);
                    }

                    @Override
                    public void cancel() {
                        end(State.LOST);
                        subscription.cancel();
                    }
                });
            }

            @Override
            public void onNext(ByteBuffer item) {
                keep(item);
                super.onNext(item);
            }

            @Override
            public void onError(Throwable failure) {
                end(State.LOST);
                super.onError(failure);
            }

            @Override
            public void onComplete() {
                end(State.KEPT);
                super.onComplete();
            }
        });
    }

    private synchronized void keep(ByteBuffer item) {
        if (state != State.READING) {
            return;
        }
        int length = item.remaining();
        if (length > cap - size) {
            state = State.LOST;
            copy = null;
            return;
        }
        if (size + length > copy.length) {
            copy = Arrays.copyOf(copy, Math.min(cap, Math.max(size + length, copy.length * 2)));
        }
        item.duplicate().get(copy, size, length);
        size += length;
        if (size == contentLength()) {
            state = State.KEPT;
        }
    }

    private synchronized void end(State outcome) {
        if (state == State.READING) {
            state = outcome;
        }
    }
}
