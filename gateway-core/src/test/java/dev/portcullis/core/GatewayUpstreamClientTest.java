package dev.portcullis.core;

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

/** Which upstream client a {@link Gateway} uses, and which one its {@code close()} closes. */
class GatewayUpstreamClientTest {

    @Test
    void theHighestPriorityProviderSuppliesTheDefaultClient() {
        CountingClient low = new CountingClient();
        CountingClient high = new CountingClient();
        CountingClient middle = new CountingClient();
        UpstreamClient chosen = Gateway.defaultClient(List.of(provider(1, low), provider(7, high),
                provider(3, middle)));
        assertSame(high, chosen);
    }

    @Test
    void ofProvidersWithEqualPriorityTheFirstFoundSuppliesTheDefaultClient() {
        CountingClient first = new CountingClient();
        CountingClient second = new CountingClient();
        assertSame(first, Gateway.defaultClient(List.of(provider(5, first), provider(5, second))));
    }

    @Test
    void withoutProvidersTheDefaultClientIsTheJdkClient() {
        UpstreamClient client = Gateway.defaultClient(List.of());
        try {
            assertInstanceOf(JdkUpstreamClient.class, client);
        } finally {
            client.close();
        }
    }

    @Test
    void closeClosesTheClientTheGatewayCreatedAndLeavesAGivenOneOpen() {
        CountingClient given = new CountingClient();
        Gateway gateway = Gateway.builder().pipeline(Pipeline.builder().build()).upstreamClient(given).build();
        gateway.close();
        assertEquals(0, given.closes.get());
        assertSame(given, gateway.upstreamClient());
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
