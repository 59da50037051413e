package dev.portcullis.core.internal.proxy;

import dev.portcullis.api.Body;
import dev.portcullis.api.ForwardingBody;
import dev.portcullis.core.client.Subscriptions;
import java.nio.ByteBuffer;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An upstream response body that is subscribed to exactly once, by its reader or by {@link #discard()}, whichever
 * comes first: an exchange aborted after its headers arrived still releases its connection, and a reader that comes
 * later is told the body is gone instead of subscribing a second time.
 */
final class OnceBody extends ForwardingBody {
    private final AtomicBoolean claimed = new AtomicBoolean();

    OnceBody(Body upstream) {
        super(upstream);
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        if (claimed.compareAndSet(false, true)) {
            super.subscribe(subscriber);
        } else {
            Body.failed(new CancellationException("the upstream body was discarded or is already read"),
                    contentLength()).subscribe(subscriber);
        }
    }

    /** Subscribes and cancels at once, releasing the upstream connection, unless someone already subscribed. */
    void discard() {
        if (claimed.compareAndSet(false, true)) {
            Subscriptions.cancel(source());
        }
    }
}
