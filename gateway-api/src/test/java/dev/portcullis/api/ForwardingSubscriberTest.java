package dev.portcullis.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

class ForwardingSubscriberTest {

    /** Records every signal it receives, in order. */
    private static final class Recorder implements Flow.Subscriber<ByteBuffer> {
        final List<String> signals = new ArrayList<>();
        Throwable failure;

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            signals.add("subscribe");
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(ByteBuffer item) {
            signals.add("next " + item.remaining());
        }

        @Override
        public void onError(Throwable throwable) {
            signals.add("error");
            failure = throwable;
        }

        @Override
        public void onComplete() {
            signals.add("complete");
        }
    }

    @Test
    void everySignalIsPassedOnUnchangedAndInOrder() {
        Recorder recorder = new Recorder();

        Body.of("hello").subscribe(new ForwardingSubscriber(recorder));

        assertEquals(List.of("subscribe", "next 5", "complete"), recorder.signals);
    }

    @Test
    void anOverriddenSignalStillReachesTheDownstreamThroughSuper() {
        Recorder recorder = new Recorder();
        List<String> seen = new ArrayList<>();

        Body.of("hello").subscribe(new ForwardingSubscriber(recorder) {
            @Override
            public void onComplete() {
                seen.add("noticed the end");
                super.onComplete();
            }
        });

        assertEquals(List.of("noticed the end"), seen);
        assertEquals(List.of("subscribe", "next 5", "complete"), recorder.signals);
    }

    @Test
    void aFailedBodyFailsEverySubscriberAtOnceAndReportsItsLength() {
        IllegalStateException failure = new IllegalStateException("read twice");
        Body body = Body.failed(failure, 42);
        Recorder first = new Recorder();
        Recorder second = new Recorder();

        body.subscribe(first);
        body.subscribe(second);

        assertEquals(42, body.contentLength());
        assertEquals(List.of("subscribe", "error"), first.signals);
        assertSame(failure, second.failure);
    }
}
