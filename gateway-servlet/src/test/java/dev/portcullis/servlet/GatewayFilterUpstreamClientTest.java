package dev.portcullis.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.portcullis.api.Pipeline;
import dev.portcullis.core.client.JdkUpstreamClient;
import dev.portcullis.core.client.UpstreamClient;
import dev.portcullis.core.client.UpstreamClientProvider;
import dev.portcullis.core.client.UpstreamRequest;
import dev.portcullis.core.client.UpstreamResponse;
import java.util.List;
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
    void theHighestPriorityProviderSuppliesTheDefaultClient() {
        CountingClient low = new CountingClient();
        CountingClient high = new CountingClient();
        CountingClient middle = new CountingClient();
        UpstreamClient chosen = GatewayFilter.defaultClient(List.of(provider(1, low), provider(7, high),
                provider(3, middle)));
        assertSame(high, chosen);
    }

    @Test
    void ofProvidersWithEqualPriorityTheFirstFoundSuppliesTheDefaultClient() {
        CountingClient first = new CountingClient();
        CountingClient second = new CountingClient();
        assertSame(first, GatewayFilter.defaultClient(List.of(provider(5, first), provider(5, second))));
    }

    @Test
    void withoutProvidersTheDefaultClientIsTheJdkClient() {
        UpstreamClient client = GatewayFilter.defaultClient(List.of());
        try {
            assertInstanceOf(JdkUpstreamClient.class, client);
        } finally {
            client.close();
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

    private static UpstreamClientProvider provider(int priority, UpstreamClient client) {
        return new UpstreamClientProvider() {
            @Override
            public UpstreamClient create() {
                return client;
            }

            @Override
            public int priority() {
                return priority;
            }
        };
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
