package dev.portcullis.core.client;

import dev.portcullis.api.Body;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * Adapts the JDK client's {@code Publisher<List<ByteBuffer>>} to a {@link Body}: each list becomes one buffer (a
 * single buffer passes as is, several are joined into one), with demand passed through one to one.
 */
final class ListBody implements Body {
    private final Flow.Publisher<List<ByteBuffer>> source;
    private final long contentLength;

    ListBody(Flow.Publisher<List<ByteBuffer>> source, long contentLength) {
        this.source = source;
        this.contentLength = contentLength;
    }

    @Override
    public long contentLength() {
        return contentLength;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        source.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscriber.onSubscribe(subscription);
            }

            @Override
            public void onNext(List<ByteBuffer> buffers) {
                subscriber.onNext(join(buffers));
            }

            @Override
            public void onError(Throwable failure) {
                subscriber.onError(failure);
            }

            @Override
            public void onComplete() {
                subscriber.onComplete();
            }
        });
    }

    private static ByteBuffer join(List<ByteBuffer> buffers) {
        if (buffers.size() == 1) {
            return buffers.get(0);
        }
        int total = 0;
        for (ByteBuffer buffer : buffers) {
            total += buffer.remaining();
        }
        ByteBuffer joined = ByteBuffer.allocate(total);
        for (ByteBuffer buffer : buffers) {
            joined.put(buffer);
        }
        return joined.flip();
    }
}
