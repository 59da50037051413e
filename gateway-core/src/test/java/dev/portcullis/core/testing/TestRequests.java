package dev.portcullis.core.testing;

import dev.portcullis.api.Body;
import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.HttpHeaders;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Builders for requests and bodies used across the interceptor tests. */
public final class TestRequests {
    private TestRequests() {
    }

    /** @return a request builder for {@code method path} from 127.0.0.1 to {@code gw.example.com} */
    public static GatewayRequest.Builder request(String method, String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        return GatewayRequest.builder().id("req-1").method(method).scheme("https").authority("gw.example.com")
                .rawPath(q < 0 ? pathAndQuery : pathAndQuery.substring(0, q))
                .rawQuery(q < 0 ? null : pathAndQuery.substring(q + 1))
                .clientAddress(InetAddress.getLoopbackAddress());
    }

    /** @return headers from alternating names and values */
    public static HttpHeaders headers(String... namesAndValues) {
        HttpHeaders.Builder builder = HttpHeaders.builder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            builder.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return builder.build();
    }

    /** A streamed body of unknown length that counts the chunks it handed out and notes cancellation. */
    public static final class Streamed implements Body {
        public final AtomicInteger chunksSent = new AtomicInteger();
        public final AtomicBoolean cancelled = new AtomicBoolean();
        public final AtomicBoolean subscribed = new AtomicBoolean();
        private final int chunkCount;
        private final byte[] chunk;

        public Streamed(int chunkCount, byte[] chunk) {
            this.chunkCount = chunkCount;
            this.chunk = chunk;
        }

        @Override
        public long contentLength() {
            return -1;
        }

        @Override
        public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
            subscribed.set(true);
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                    for (long i = 0; i < n && !cancelled.get(); i++) {
                        if (chunksSent.get() == chunkCount) {
                            cancelled.set(true);
                            subscriber.onComplete();
                            return;
                        }
                        chunksSent.incrementAndGet();
                        subscriber.onNext(ByteBuffer.wrap(chunk));
                    }
                }

                @Override
                public void cancel() {
                    cancelled.set(true);
                }
            });
        }
    }
}
