package dev.portcullis.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.portcullis.api.Pipeline;
import dev.portcullis.core.client.JdkUpstreamClient;
import dev.portcullis.core.client.UpstreamClient;
import dev.portcullis.core.client.UpstreamRequest;
import dev.portcullis.core.client.UpstreamResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Which upstream client a {@link GatewayFilter} uses, and which one its {@code destroy()} closes. */
class GatewayFilterUpstreamClientTest {

    @Test
    void aFilterBuiltWithoutAClientOnAClasspathWithoutProvidersUsesTheJdkClient() {
        GatewayFilter filter = GatewayFilter.builder().pipeline(Pipeline.builder().build()).build();
        try {
            assertInstanceOf(JdkUpstreamClient.class, filter.upstreamClient());
        } finally {
            filter.destroy();
        }
    }

    @Test
    void destroyLeavesAClientPassedToTheBuilderOpen() {
        CountingClient client = new CountingClient();
        GatewayFilter filter = GatewayFilter.builder().pipeline(Pipeline.builder().build()).upstreamClient(client)
                .build();
        filter.destroy();
        assertEquals(0, client.closes.get());
        assertSame(client, filter.upstreamClient());
    }

    /** A client that only counts how often it was closed. */
    private static final class CountingClient implements UpstreamClient {
        private final AtomicInteger closes = new AtomicInteger();

        @Override
        public CompletableFuture<UpstreamResponse> exchange(UpstreamRequest request) {
            return CompletableFuture.failedFuture(new IllegalStateException("not used"));
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }
}
