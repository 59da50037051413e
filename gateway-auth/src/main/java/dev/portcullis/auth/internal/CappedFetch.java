package dev.portcullis.auth.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends a request with the JDK client and reads at most a given number of body bytes: a bigger body (declared or
 * streamed) fails the stage with an {@link IOException} and cancels the download.
 *
 * <p>The JDK's {@link HttpRequest#timeout()} only bounds the wait for the response headers; a body that stalls
 * after them would never end. So every fetch also has an overall deadline: when it passes, the stage fails with
 * an {@link HttpTimeoutException}, the exchange is cancelled and the body subscription dropped. The failure is
 * signalled from the common pool, never from the JDK's timer thread.
 */
public final class CappedFetch {
    private CappedFetch() {
    }

    /**
     * @param client the client (its connect timeout applies)
     * @param request the request (its timeout bounds the wait for the response headers)
     * @param maxBytes the body cap
     * @param deadline the longest the whole exchange may take, headers and body
     * @return the response with its whole body; fails with {@link HttpTimeoutException} past the deadline
     */
    public static CompletableFuture<HttpResponse<byte[]>> send(HttpClient client, HttpRequest request, int maxBytes,
                                                               Duration deadline) {
        AtomicReference<Capped> body = new AtomicReference<>();
        CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(request, info -> {
            long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
            Capped capped = new Capped(maxBytes, declared > maxBytes);
            body.set(capped);
            return capped;
        });
        CompletableFuture<HttpResponse<byte[]>> result = new CompletableFuture<>();
        exchange.whenComplete((response, failure) -> {
            if (failure == null) {
                result.complete(response);
            } else {
                result.completeExceptionally(failure);
            }
        });
        // The check runs on the JDK's delay thread; only an actual timeout moves to the common pool, so waiters never
        // continue on the timer thread, and nothing starts a thread per fetch (CompletableFuture's default executor
        // does on machines with fewer than 3 CPUs).
        CompletableFuture.delayedExecutor(deadline.toNanos(), TimeUnit.NANOSECONDS, Runnable::run).execute(() -> {
            if (!result.isDone()) {
                ForkJoinPool.commonPool().execute(() -> expire(result, exchange, body.get(), deadline));
            }
        });
        return result;
    }

    private static void expire(CompletableFuture<HttpResponse<byte[]>> result,
                               CompletableFuture<HttpResponse<byte[]>> exchange, Capped capped, Duration deadline) {
        if (result.completeExceptionally(new HttpTimeoutException("no complete response within " + deadline))) {
            exchange.cancel(true);
            if (capped != null) {
                capped.abort();
            }
        }
    }

    /**
     * @param client a client
     * @param readTimeout the request's response timeout
     * @return the overall deadline of one exchange: the client's connect timeout plus the read timeout
     */
    public static Duration deadline(HttpClient client, Duration readTimeout) {
        return client.connectTimeout().orElse(Duration.ZERO).plus(readTimeout);
    }

    /** Collects body bytes up to a cap; refuses the body at once when its declared length is over the cap. */
    private static final class Capped implements HttpResponse.BodySubscriber<byte[]> {
        private final int cap;
        private final boolean refuse;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private volatile Flow.Subscription subscription;

        Capped(int cap, boolean refuse) {
            this.cap = cap;
            this.refuse = refuse;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (refuse) {
                tooLarge();
            } else {
                s.request(1);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                if (bytes.size() + buffer.remaining() > cap) {
                    tooLarge();
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable failure) {
            result.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }

        /** Drops the subscription (if any yet) and fails the body: the deadline passed. */
        void abort() {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
            result.completeExceptionally(new HttpTimeoutException("response body not complete in time"));
        }

        private void tooLarge() {
            subscription.cancel();
            result.completeExceptionally(new IOException("response body larger than " + cap + " bytes"));
        }
    }
}
