package dev.portcullis.api.validation;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/** Subscribes to a body and gathers its bytes until completion, failing with 413 past the cap. Used once. */
final class CappedCollector implements Flow.Subscriber<ByteBuffer> {
    private final long maxBytes;
    private final ByteArrayOutputStream bytes;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    CappedCollector(long maxBytes, long expectedLength) {
        this.maxBytes = maxBytes;
        this.bytes = new ByteArrayOutputStream((int) Math.min(Math.max(expectedLength, 256), maxBytes));
    }

    CompletionStage<byte[]> result() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(ByteBuffer buffer) {
        if (result.isDone()) {
            return;
        }
        if ((long) bytes.size() + buffer.remaining() > maxBytes) {
            subscription.cancel();
            result.completeExceptionally(BodyLimits.tooLarge(maxBytes));
            return;
        }
        byte[] chunk = new byte[buffer.remaining()];
        buffer.get(chunk);
        bytes.write(chunk, 0, chunk.length);
    }

    @Override
    public void onError(Throwable error) {
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        result.complete(bytes.toByteArray());
    }
}
