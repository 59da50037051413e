package dev.portcullis.api;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.Flow;

/**
 * A body subscriber that passes every signal on to another one: the base for a {@link Body} that watches or changes
 * a stream on its way (counting bytes, noticing the end) without re-implementing the signals it leaves alone; the
 * body itself usually extends {@link ForwardingBody}. Override what you need and call {@code super} to pass the signal on.
 *
 * <pre>{@code
 * Body noticed = new ForwardingBody(body) {
 *     public void subscribe(Flow.Subscriber<? super ByteBuffer> reader) {
 *         source().subscribe(new ForwardingSubscriber(reader) {
 *             public void onComplete() { super.onComplete(); log.info("body sent"); }
 *         });
 *     }
 * };
 * }</pre>
 */
public class ForwardingSubscriber implements Flow.Subscriber<ByteBuffer> {
    private final Flow.Subscriber<? super ByteBuffer> downstream;

    /** @param downstream receives every signal passed on */
    public ForwardingSubscriber(Flow.Subscriber<? super ByteBuffer> downstream) {
        this.downstream = Objects.requireNonNull(downstream, "downstream");
    }

    /** @return the subscriber signals are passed on to */
    protected final Flow.Subscriber<? super ByteBuffer> downstream() {
        return downstream;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        downstream.onSubscribe(subscription);
    }

    @Override
    public void onNext(ByteBuffer item) {
        downstream.onNext(item);
    }

    @Override
    public void onError(Throwable failure) {
        downstream.onError(failure);
    }

    @Override
    public void onComplete() {
        downstream.onComplete();
    }
}
