package dev.portcullis.servlet.internal;

import dev.portcullis.api.Body;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;

/**
 * A blocking {@link ServletInputStream} over a {@link Body}, for a servlet application reading a body an interceptor
 * replaced. Requests one buffer at a time, so it holds at most one buffer. Non-blocking reads are not supported.
 */
final class BodyInputStream extends ServletInputStream implements Flow.Subscriber<ByteBuffer> {
    private final Body body;
    private Flow.Subscription subscription;
    private ByteBuffer current;
    private boolean complete;
    private Throwable failure;
    private boolean started;

    BodyInputStream(Body body) {
        this.body = body;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!started) {
            started = true;
            body.subscribe(this);
        }
        while (current == null || !current.hasRemaining()) {
            if (failure != null) {
                throw new IOException("the request body failed", failure);
            }
            if (complete) {
                return -1;
            }
            if (current != null) {
                current = null;
                subscription.request(1);
                continue;
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading the request body");
            }
        }
        int count = Math.min(length, current.remaining());
        current.get(target, offset, count);
        return count;
    }

    @Override
    public synchronized boolean isFinished() {
        return complete && (current == null || !current.hasRemaining());
    }

    @Override
    public synchronized boolean isReady() {
        return current != null && current.hasRemaining() || complete || failure != null;
    }

    @Override
    public void setReadListener(ReadListener listener) {
        throw new IllegalStateException("non-blocking reads of a body replaced by an interceptor are not supported");
    }

    @Override
    public synchronized void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(1);
    }

    @Override
    public synchronized void onNext(ByteBuffer buffer) {
        current = buffer;
        notifyAll();
    }

    @Override
    public synchronized void onError(Throwable t) {
        failure = t;
        notifyAll();
    }

    @Override
    public synchronized void onComplete() {
        complete = true;
        notifyAll();
    }
}
