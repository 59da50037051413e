package dev.portcullis.core.internal;

import dev.portcullis.api.Body;
import dev.portcullis.api.ForwardingBody;
import dev.portcullis.api.ForwardingSubscriber;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;

/**
 * The client's request body, counting the bytes the gateway reads from it: the access log's bytes in. Signals reach
 * one subscriber in sequence (the {@link Body} contract), so a plain volatile counter suffices. Thread-safe.
 */
public final class CountingBody extends ForwardingBody {
    private volatile long read;

    /** @param source the body as the container adapter opened it */
    public CountingBody(Body source) {
        super(source);
    }

    /** @return the bytes read so far */
    public long read() {
        return read;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        source().subscribe(new ForwardingSubscriber(subscriber) {
            @Override
            public void onNext(ByteBuffer item) {
                read += item.remaining();
                super.onNext(item);
            }
        });
    }
}
