package dev.portcullis.servlet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portcullis.api.Body;
import dev.portcullis.api.HttpHeaders;
import dev.portcullis.api.routing.Route;
import dev.portcullis.servlet.proxy.UpstreamClient;
import dev.portcullis.servlet.proxy.UpstreamRequest;
import dev.portcullis.servlet.proxy.UpstreamResponse;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The gateway keeps no buffer of an upstream body after {@code onNext} returns: a publisher that overwrites its one
 * buffer as soon as {@code onNext} returns, and emits synchronously inside {@code request}, still arrives intact.
 */
class ResponseBufferReuseTest {
    private static final int CHUNKS = 64;
    private static final int CHUNK = 4096;

    /** Emits chunk i as CHUNK copies of letter i, in one array it fills with '#' once onNext returns. */
    private static final class ReusingBody implements Body {
        @Override
        public long contentLength() {
            return -1;
        }

        @Override
        public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
            byte[] shared = new byte[CHUNK];
            subscriber.onSubscribe(new Flow.Subscription() {
                private int next;

                @Override
                public void request(long n) {
                    for (long i = 0; i < n && next < CHUNKS; i++) {
                        Arrays.fill(shared, letter(next++));
                        subscriber.onNext(ByteBuffer.wrap(shared));
                        Arrays.fill(shared, (byte) '#');
                    }
                    if (next == CHUNKS) {
                        next++;
                        subscriber.onComplete();
                    }
                }

                @Override
                public void cancel() {
                    next = CHUNKS + 1;
                }
            });
        }
    }

    private static byte letter(int chunk) {
        return (byte) ('a' + chunk % 26);
    }

    private static final class ReusingUpstream implements UpstreamClient {
        @Override
        public CompletableFuture<UpstreamResponse> exchange(UpstreamRequest request) {
            return CompletableFuture.completedFuture(new UpstreamResponse(200,
                    HttpHeaders.builder().add("Content-Type", "text/plain").build(), new ReusingBody()));
        }

        @Override
        public void close() {
        }
    }

    @ParameterizedTest
    @MethodSource("dev.portcullis.servlet.it.ServletContainer#all")
    void aBodyWhosePublisherReusesItsBufferAfterOnNextArrivesIntact(ServletContainer container) throws Exception {
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < CHUNKS; i++) {
            expected.append(String.valueOf((char) letter(i)).repeat(CHUNK));
        }
        try (RunningServer server = container.start(Gateways.builder(
                Route.builder("api").path("/api/**").upstream("http://127.0.0.1:9").build())
                .upstreamClient(new ReusingUpstream()).build(), new AppServlet())) {
            HttpResponse<String> response = Http.get(server.uri("/api/stream"));
            assertEquals(200, response.statusCode());
            assertEquals(expected.length(), response.body().length());
            assertEquals(expected.toString(), response.body());
        }
    }
}
