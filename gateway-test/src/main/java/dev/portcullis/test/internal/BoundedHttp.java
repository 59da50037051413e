package dev.portcullis.test.internal;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The kit's HTTP/1.1 client: the JDK's {@link HttpClient}, never following redirects, connecting within 5 s, and
 * bounding each exchange as a whole, body included. (The JDK client's own request timeout ends when the response
 * head arrives, so a response whose body never ends would hang a test forever.)
 *
 * <pre>{@code
 * HttpResponse<String> response = BoundedHttp.send(HttpRequest.newBuilder(uri).build());   // at most 20 s
 * }</pre>
 */
public final class BoundedHttp {
    /** The bound of an exchange whose request names no timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private BoundedHttp() {
    }

    /** @return the shared client */
    public static HttpClient client() {
        return CLIENT;
    }

    /**
     * @param request the request; its timeout (else {@link #DEFAULT_TIMEOUT}) bounds the whole exchange
     * @return the response, its body as text
     * @throws HttpTimeoutException if the response, body included, did not complete in time
     * @throws IOException if the exchange fails
     * @throws InterruptedException if interrupted while waiting
     */
    public static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        Duration limit = request.timeout().orElse(DEFAULT_TIMEOUT);
        CompletableFuture<HttpResponse<String>> exchange =
                CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        try {
            return exchange.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new HttpTimeoutException("no complete response to " + request.method() + ' ' + request.uri()
                    + " within " + limit);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            throw new IOException(cause);
        }
    }
}
