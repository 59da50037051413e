package dev.portcullis.servlet.auth.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Sends a request with the JDK client and reads at most a given number of body bytes: a bigger body (declared or
 * streamed) fails the stage with an {@link IOException} and cancels the download.
 */
public final class CappedFetch {
    private CappedFetch() {
    }

    /**
     * @param client the client (its connect timeout applies)
     * @param request the request (its timeout bounds the wait for the response headers)
     * @param maxBytes the body cap
     * @return the response with its whole body
     */
    public static CompletableFuture<HttpResponse<byte[]>> send(HttpClient client, HttpRequest request, int maxBytes) {
        return client.sendAsync(request, info -> {
            long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
            return new Capped(maxBytes, declared > maxBytes);
        });
    }

    /** Collects body bytes up to a cap; refuses the body at once when its declared length is over the cap. */
    private static final class Capped implements HttpResponse.BodySubscriber<byte[]> {
        private final int cap;
        private final boolean refuse;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

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

        private void tooLarge() {
            subscription.cancel();
            result.completeExceptionally(new IOException("response body larger than " + cap + " bytes"));
        }
    }
}
