package dev.portcullis.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

class BodyTest {

    /** Records every signal; requests nothing by itself. */
    private static final class Recorder implements Flow.Subscriber<ByteBuffer> {
        final List<String> signals = new ArrayList<>();
        final List<ByteBuffer> items = new ArrayList<>();
        Flow.Subscription subscription;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            signals.add("subscribe");
        }

        @Override
        public void onNext(ByteBuffer item) {
            items.add(item);
            signals.add("next:" + StandardCharsets.UTF_8.decode(item.duplicate()));
        }

        @Override
        public void onError(Throwable failure) {
            signals.add("error:" + failure.getClass().getSimpleName());
        }

        @Override
        public void onComplete() {
            signals.add("complete");
        }
    }

    private static Recorder subscribed(Body body) {
        Recorder recorder = new Recorder();
        body.subscribe(recorder);
        return recorder;
    }

    @Test
    void nothingIsDeliveredBeforeDemand() {
        Recorder recorder = subscribed(Body.of("hello"));

        assertEquals(List.of("subscribe"), recorder.signals);
    }

    @Test
    void demandDeliversTheBytesOnceThenCompletes() {
        Recorder recorder = subscribed(Body.of("hello"));

        recorder.subscription.request(1);
        recorder.subscription.request(5);

        assertEquals(List.of("subscribe", "next:hello", "complete"), recorder.signals);
    }

    @Test
    void theDeliveredBufferIsReadOnly() {
        Recorder recorder = subscribed(Body.of("hello"));
        recorder.subscription.request(1);

        assertThrows(ReadOnlyBufferException.class, () -> recorder.items.get(0).put(0, (byte) 'j'));
    }

    @Test
    void anEmptyBodyCompletesWithoutAnItem() {
        Recorder recorder = subscribed(Body.empty());
        recorder.subscription.request(1);

        assertEquals(List.of("subscribe", "complete"), recorder.signals);
        assertEquals(0, Body.empty().contentLength());
    }

    @Test
    void cancelBeforeDemandMeansNoSignalAtAll() {
        Recorder recorder = subscribed(Body.of("hello"));

        recorder.subscription.cancel();
        recorder.subscription.request(1);

        assertEquals(List.of("subscribe"), recorder.signals);
    }

    @Test
    void nonPositiveDemandIsAnError() {
        Recorder recorder = subscribed(Body.of("hello"));

        recorder.subscription.request(0);

        assertEquals(List.of("subscribe", "error:IllegalArgumentException"), recorder.signals);
    }

    @Test
    void aBytesBodyCanBeReplayedToEverySubscriber() {
        Body body = Body.of("hi");
        for (int i = 0; i < 2; i++) {
            Recorder recorder = subscribed(body);
            recorder.subscription.request(Long.MAX_VALUE);
            assertEquals(List.of("subscribe", "next:hi", "complete"), recorder.signals);
        }
        assertEquals(2, body.contentLength());
    }

    @Test
    void textIsEncodedAsUtf8() {
        assertEquals(2, Body.of("\u00e9").contentLength());
    }

    @Test
    void aNullSubscriberIsRefused() {
        assertInstanceOf(NullPointerException.class,
                assertThrows(RuntimeException.class, () -> Body.of("x").subscribe(null)));
    }
}
