package dev.portcullis.api;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.Flow;

/**
 * A body that stands in front of another one, its source: the base for a decorator that watches or guards a stream
 * on its way (counting bytes, noticing the end, timing out, letting one reader in) and otherwise leaves it alone.
 *
 * <p>Contract: {@link #contentLength()} is the source's, and {@link #subscribe} hands the subscriber to the source
 * unchanged. A decorator overrides {@code subscribe} to wrap the subscriber (usually in a
 * {@link ForwardingSubscriber}) or to fail it instead ({@link Body#failed}); it overrides {@code contentLength()}
 * only if it changes how many bytes flow. It keeps the {@link Body} rules: the source is subscribed to at most once
 * per subscriber, buffers are handed over, not copied, and a streamed source stays subscribable once.
 *
 * <pre>{@code
 * final class NoticedBody extends ForwardingBody {
 *     NoticedBody(Body source) { super(source); }
 *     public void subscribe(Flow.Subscriber<? super ByteBuffer> reader) {
 *         source().subscribe(new ForwardingSubscriber(reader) {
 *             public void onComplete() { super.onComplete(); log.info("body sent"); }
 *         });
 *     }
 * }
 * }</pre>
 */
public abstract class ForwardingBody implements Body {
    private final Body source;

    /** @param source the body this one stands in front of */
    protected ForwardingBody(Body source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    /** @return the body this one stands in front of */
    protected final Body source() {
        return source;
    }

    /** @return the source's length */
    @Override
    public long contentLength() {
        return source.contentLength();
    }

    /** Subscribes {@code subscriber} to the source, unchanged. */
    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        source.subscribe(subscriber);
    }
}
