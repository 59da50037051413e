package dev.portcullis.servlet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.routing.Route;
import dev.portcullis.core.client.UpstreamCapacityExceededException;
import dev.portcullis.core.client.UpstreamClient;
import dev.portcullis.core.client.UpstreamRequest;
import dev.portcullis.core.client.UpstreamResponse;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An upstream client whose own local capacity is used up (a full request queue) reports it with
 * {@link UpstreamCapacityExceededException}: the real filter answers 503 overloaded with {@code Retry-After}, never
 * the 502 of an upstream failure.
 */
class UpstreamCapacityTest {

    /** A client whose local queue is always full: it refuses every exchange before sending anything. */
    private static final class FullQueueClient implements UpstreamClient {
        @Override
        public CompletableFuture<UpstreamResponse> exchange(UpstreamRequest request) {
            return CompletableFuture.failedFuture(new UpstreamCapacityExceededException("queue full", null));
        }

        @Override
        public void close() {
        }
    }

    @ParameterizedTest
    @MethodSource("dev.portcullis.servlet.it.ServletContainer#all")
    void aFullUpstreamClientQueueIsA503OverloadedProblemWithRetryAfterNotA502(ServletContainer container)
            throws Exception {
        try (RunningServer server = container.start(Gateways.builder(Route.builder("api").path("/api/**")
                .upstream("http://127.0.0.1:9").build()).upstreamClient(new FullQueueClient()).build(),
                new AppServlet())) {
            HttpResponse<String> response = Http.get(server.uri("/api/x"));
            assertEquals(503, response.statusCode(), response.body());
            assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
            assertEquals("1", response.headers().firstValue("Retry-After").orElse(""));
            assertTrue(response.body().contains("\"type\":\"https://portcullis.dev/problems/overloaded\""),
                    response.body());
        }
    }
}
