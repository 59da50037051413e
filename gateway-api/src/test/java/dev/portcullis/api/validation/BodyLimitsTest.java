package dev.portcullis.api.validation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.Body;
import dev.portcullis.api.ProblemException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

class BodyLimitsTest {

    @Test
    void collectReturnsEveryByteOfABodyWithinTheCap() {
        byte[] bytes = BodyLimits.collect(new ChunkedBody(4, 100), 400).toCompletableFuture().join();
        assertEquals(400, bytes.length);
    }

    @Test
    void collectFailsWith413AndCancelsAChunkedBodyThatGrowsPastTheCap() {
        ChunkedBody body = new ChunkedBody(1000, 1024);
        CompletableFuture<byte[]> result = BodyLimits.collect(body, 4096).toCompletableFuture();
        ProblemException problem = problemOf(result);
        assertEquals(413, problem.problem().status());
        assertTrue(body.cancelled.get());
        assertEquals(5, body.delivered.get(), "stops reading at the first chunk past the cap");
    }

    @Test
    void collectRefusesADeclaredLengthOverTheCapWithoutSubscribing() {
        Body declared = new Body() {
            @Override
            public long contentLength() {
                return 10_000;
            }

            @Override
            public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
                throw new AssertionError("must not be read");
            }
        };
        assertEquals(413, problemOf(BodyLimits.collect(declared, 100).toCompletableFuture()).problem().status());
    }

    @Test
    void limitPassesASmallBodyThroughUnchanged() {
        byte[] payload = "hello".getBytes();
        Recorder recorder = new Recorder();
        BodyLimits.limit(Body.of(payload), 5).subscribe(recorder);
        assertArrayEquals(payload, recorder.done.join());
    }

    @Test
    void limitSignalsProblem413MidStreamAndCancelsTheSource() {
        ChunkedBody body = new ChunkedBody(100, 10);
        Recorder recorder = new Recorder();
        BodyLimits.limit(body, 25).subscribe(recorder);
        assertEquals(413, problemOf(recorder.done).problem().status());
        assertEquals(20, recorder.bytes.size(), "only the bytes within the cap reach the subscriber");
        assertTrue(body.cancelled.get());
    }

    @Test
    void aNegativeCapIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> BodyLimits.limit(Body.empty(), -1));
    }

    private static ProblemException problemOf(CompletableFuture<?> future) {
        CompletionException error = assertThrows(CompletionException.class, future::join);
        return assertInstanceOf(ProblemException.class, error.getCause());
    }

    /** A subscriber that records bytes and ends its future with the outcome. */
    static final class Recorder implements Flow.Subscriber<ByteBuffer> {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final CompletableFuture<byte[]> done = new CompletableFuture<>();

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(ByteBuffer item) {
            byte[] chunk = new byte[item.remaining()];
            item.get(chunk);
            bytes.writeBytes(chunk);
        }

        @Override
        public void onError(Throwable throwable) {
            done.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            done.complete(bytes.toByteArray());
        }
    }
}
