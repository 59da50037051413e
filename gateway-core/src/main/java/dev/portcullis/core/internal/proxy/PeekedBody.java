package dev.portcullis.core.internal.proxy;

import dev.portcullis.api.Body;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Finds out whether a body of unknown length has any bytes before the upstream request is sent, so a {@code GET}
 * with an empty chunked body (or an HTTP/2 {@code GET} without {@code content-length}) goes upstream with no body
 * and no framing, as PROXY-RULES asks. The first buffer is held and replayed; the rest streams as before.
 *
 * <pre>{@code
 * PeekedBody.resolve(request.body()).thenCompose(body -> send(body));   // Body.empty() if nothing came
 * }</pre>
 */
final class PeekedBody implements Flow.Subscriber<ByteBuffer> {
    private enum State { PEEKING, HOLDING_FIRST, DELIVERING_FIRST, STREAMING }

    private final CompletableFuture<Body> result = new CompletableFuture<>();
    private Flow.Subscription source;
    private Flow.Subscriber<? super ByteBuffer> reader;
    private State state = State.PEEKING;
    private ByteBuffer first;
    private Throwable pendingFailure;
    private boolean pendingCompletion;

    private PeekedBody() {
    }

    /**
     * @param body a request body
     * @return {@code body} itself when its length is known; else, once its first signal arrived, {@link Body#empty()}
     *     if it ended without bytes, or a body that replays the first buffer and streams the rest. Fails if the body
     *     failed before any byte.
     */
    static CompletionStage<Body> resolve(Body body) {
        if (body.contentLength() >= 0) {
            return CompletableFuture.completedFuture(body);
        }
        PeekedBody peek = new PeekedBody();
        body.subscribe(peek);
        return peek.result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        synchronized (this) {
            source = subscription;
        }
        subscription.request(1);
    }

    @Override
    public void onNext(ByteBuffer buffer) {
        Flow.Subscriber<? super ByteBuffer> to;
        synchronized (this) {
            if (state == State.PEEKING) {
                state = State.HOLDING_FIRST;
                first = buffer;
                to = null;
            } else {
                to = reader;
            }
        }
        if (to == null) {
            result.complete(new Rest());
        } else {
            to.onNext(buffer);
        }
    }

    @Override
    public void onError(Throwable failure) {
        Flow.Subscriber<? super ByteBuffer> to = null;
        synchronized (this) {
            if (state == State.STREAMING) {
                to = reader;
            } else {
                pendingFailure = failure;
            }
        }
        if (to != null) {
            to.onError(failure);
        } else {
            result.completeExceptionally(failure);
        }
    }

    @Override
    public void onComplete() {
        Flow.Subscriber<? super ByteBuffer> to = null;
        synchronized (this) {
            if (state == State.STREAMING) {
                to = reader;
            } else {
                pendingCompletion = true;
            }
        }
        if (to != null) {
            to.onComplete();
        } else {
            result.complete(Body.empty());
        }
    }

    /** The body after the peek: the held first buffer, then whatever else the source sends. */
    private final class Rest implements Body, Flow.Subscription {
        @Override
        public long contentLength() {
            return -1;
        }

        @Override
        public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
            synchronized (PeekedBody.this) {
                reader = subscriber;
            }
            subscriber.onSubscribe(this);
        }

        @Override
        public void request(long n) {
            ByteBuffer held = null;
            Flow.Subscriber<? super ByteBuffer> to;
            Flow.Subscription from;
            synchronized (PeekedBody.this) {
                to = reader;
                from = source;
                if (state == State.HOLDING_FIRST) {
                    state = State.DELIVERING_FIRST;
                    held = first;
                    first = null;
                }
            }
            if (held == null) {
                from.request(n);
                return;
            }
            to.onNext(held);
            Throwable failure;
            boolean completed;
            synchronized (PeekedBody.this) {
                state = State.STREAMING;
                failure = pendingFailure;
                completed = pendingCompletion;
            }
            if (failure != null) {
                to.onError(failure);
            } else if (completed) {
                to.onComplete();
            } else if (n > 1) {
                from.request(n - 1);
            }
        }

        @Override
        public void cancel() {
            Flow.Subscription from;
            synchronized (PeekedBody.this) {
                from = source;
            }
            from.cancel();
        }
    }
}
