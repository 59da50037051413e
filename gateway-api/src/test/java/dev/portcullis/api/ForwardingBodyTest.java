package dev.portcullis.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.portcullis.api.validation.BodyLimits;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

class ForwardingBodyTest {

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

    private static String read(Body body) {
        return new String(BodyLimits.collect(body, 1024).toCompletableFuture().join(), StandardCharsets.UTF_8);
    }

    @Test
    void aForwardingBodyReportsItsSourcesLengthAndPassesReadersToIt() {
        Body source = Body.of("hello");
        ForwardingBody body = new Plain(source);

        assertEquals(5, body.contentLength());
        assertSame(source, body.source());
        assertEquals("hello", read(body));
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
    void aDecoratorWatchesTheStreamByWrappingTheReaderInAForwardingSubscriber() {
        List<String> seen = new ArrayList<>();
        Body noticed = new ForwardingBody(Body.of("hello")) {
            @Override
            public void subscribe(Flow.Subscriber<? super ByteBuffer> reader) {
                source().subscribe(new ForwardingSubscriber(reader) {
                    @Override
                    public void onNext(ByteBuffer item) {
                        seen.add(item.remaining() + " bytes");
                        super.onNext(item);
                    }
                });
            }
        };

        assertEquals("hello", read(noticed));
        assertEquals(List.of("5 bytes"), seen);
    }

    @Test
    void aDecoratorMayRefuseAReaderWithAFailedBodyOfTheSameLength() {
        Body once = new FirstReaderOnly(Body.of("hello"));

        assertEquals("hello", read(once));
        CompletionException second = assertThrows(CompletionException.class, () -> read(once));

        assertInstanceOf(IllegalStateException.class, second.getCause());
        assertEquals("read already", second.getCause().getMessage());
        assertEquals(5, once.contentLength());
    }

    @Test
    void aForwardingBodyNeedsASource() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> new Plain(null));

        assertEquals("source", e.getMessage());
    }
}
