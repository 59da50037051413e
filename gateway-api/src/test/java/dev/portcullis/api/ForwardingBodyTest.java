package dev.portcullis.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

class ForwardingBodyTest {

    /** Records every signal it receives, in order. */
    private static final class Recorder implements Flow.Subscriber<ByteBuffer> {
        final List<String> signals = new ArrayList<>();

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
            signals.add("error " + throwable.getMessage());
        }

        @Override
        public void onComplete() {
            signals.add("complete");
        }
    }

    /** Adds nothing: every call goes to the source. */
    private static final class Plain extends ForwardingBody {
        Plain(Body source) {
            super(source);
        }
    }

    /** Lets the first reader through and fails the others, as the once-only decorators do. */
    private static final class FirstReaderOnly extends ForwardingBody {
        private boolean read;

        FirstReaderOnly(Body source) {
            super(source);
        }

        @Override
        public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
            if (read) {
                Body.failed(new IllegalStateException("read already"), contentLength()).subscribe(subscriber);
                return;
            }
            read = true;
            super.subscribe(subscriber);
        }
    }

    @Test
    void aForwardingBodyReportsItsSourcesLengthAndPassesReadersToIt() {
        Body source = Body.of("hello");
        ForwardingBody body = new Plain(source);
        Recorder reader = new Recorder();

        body.subscribe(reader);

        assertEquals(5, body.contentLength());
        assertSame(source, body.source());
        assertEquals(List.of("subscribe", "next 5", "complete"), reader.signals);
    }

    @Test
    void anUnknownLengthStaysUnknown() {
        Body chunked = new ForwardingBody(Body.of("hello")) {
            @Override
            public long contentLength() {
                return -1;
            }
        };

        assertEquals(-1, new Plain(chunked).contentLength());
    }

    @Test
    void aDecoratorWrapsTheReaderInAForwardingSubscriberToWatchTheStream() {
        List<String> seen = new ArrayList<>();
        Body noticed = new ForwardingBody(Body.of("hello")) {
            @Override
            public void subscribe(Flow.Subscriber<? super ByteBuffer> reader) {
                source().subscribe(new ForwardingSubscriber(reader) {
                    @Override
                    public void onComplete() {
                        super.onComplete();
                        seen.add("sent");
                    }
                });
            }
        };
        Recorder reader = new Recorder();

        noticed.subscribe(reader);

        assertEquals(List.of("subscribe", "next 5", "complete"), reader.signals);
        assertEquals(List.of("sent"), seen);
    }

    @Test
    void aDecoratorMayRefuseAReaderWithAFailedBodyOfTheSameLength() {
        Body once = new FirstReaderOnly(Body.of("hello"));
        Recorder first = new Recorder();
        Recorder second = new Recorder();

        once.subscribe(first);
        once.subscribe(second);

        assertEquals(List.of("subscribe", "next 5", "complete"), first.signals);
        assertEquals(List.of("subscribe", "error read already"), second.signals);
    }

    @Test
    void aForwardingBodyNeedsASource() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> new Plain(null));

        assertEquals("source", e.getMessage());
    }
}
