package dev.portcullis.client.jetty;

import dev.portcullis.api.Body;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.io.Content;

/**
 * A request body for Jetty's client that pulls from a {@link Body} publisher: Jetty's {@link #demand(Runnable)}
 * becomes one {@code request(1)}, so the client's upload goes no faster than the upstream reads it. Buffers are
 * handed over by the publisher (the {@link Body} contract), so Jetty writes them without a copy. The length is the body's, so Jetty sends {@code Content-Length} when it is known and chunked
 * framing when it is not. Not rewindable: a body is streamed once.
 */
final class PublisherContent implements Request.Content, Flow.Subscriber<ByteBuffer> {
    private final Body body;
    private Flow.Subscription subscription;
    private boolean subscribed;
    private boolean requested;
    private Content.Chunk pending;
    private Content.Chunk terminal;
    private Runnable demand;

    PublisherContent(Body body) {
        this.body = body;
    }

    @Override
    public long getLength() {
        return body.contentLength();
    }

    @Override
    public String getContentType() {
        return null;
    }

    @Override
    public Content.Chunk read() {
        subscribeOnce();
        synchronized (this) {
            if (pending != null) {
                Content.Chunk chunk = pending;
                pending = null;
                return chunk;
            }
            return terminal;
        }
    }

    @Override
    public void demand(Runnable onAvailable) {
        subscribeOnce();
        Flow.Subscription toRequest = null;
        synchronized (this) {
            if (pending == null && terminal == null) {
                demand = onAvailable;
                if (!requested && subscription != null) {
                    requested = true;
                    toRequest = subscription;
                }
                onAvailable = null;
            }
        }
        if (toRequest != null) {
            toRequest.request(1);
        }
        if (onAvailable != null) {
            onAvailable.run();
        }
    }

    @Override
    public void fail(Throwable failure) {
        Flow.Subscription toCancel;
        synchronized (this) {
            if (terminal == null) {
                terminal = Content.Chunk.from(failure, true);
            }
            pending = null;
            toCancel = subscription;
        }
        if (toCancel != null) {
            toCancel.cancel();
        }
    }

    @Override
    public boolean rewind() {
        return false;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        boolean request;
        synchronized (this) {
            subscription = s;
            request = demand != null && !requested;
            requested |= request;
        }
        if (request) {
            s.request(1);
        }
    }

    @Override
    public void onNext(ByteBuffer buffer) {
        signal(Content.Chunk.from(buffer, false), false);
    }

    @Override
    public void onError(Throwable failure) {
        signal(Content.Chunk.from(failure, true), true);
    }

    @Override
    public void onComplete() {
        signal(Content.Chunk.EOF, true);
    }

    private void signal(Content.Chunk chunk, boolean last) {
        Runnable toRun;
        synchronized (this) {
            if (terminal != null) {
                return;
            }
            if (last) {
                terminal = chunk;
            } else {
                pending = chunk;
                requested = false;
            }
            toRun = demand;
            demand = null;
        }
        if (toRun != null) {
            toRun.run();
        }
    }

    private void subscribeOnce() {
        synchronized (this) {
            if (subscribed) {
                return;
            }
            subscribed = true;
        }
        body.subscribe(this);
    }
}
