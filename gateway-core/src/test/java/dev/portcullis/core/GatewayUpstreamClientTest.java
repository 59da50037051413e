package dev.portcullis.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.portcullis.api.Pipeline;
import dev.portcullis.core.client.JdkUpstreamClient;
import dev.portcullis.core.client.UpstreamClient;
import dev.portcullis.core.testing.CountingClient;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which upstream client a {@link Gateway} uses, and which one its {@code close()} closes. */
class GatewayUpstreamClientTest {

    @Test
    void theHighestPriorityProviderSuppliesTheDefaultClient() {
        CountingClient low = new CountingClient();
        CountingClient high = new CountingClient();
        CountingClient middle = new CountingClient();
        UpstreamClient chosen = Gateway.defaultClient(List.of(low.provider(1), high.provider(7),
                middle.provider(3)));
        assertSame(high, chosen);
    }

    @Test
    void ofProvidersWithEqualPriorityTheFirstFoundSuppliesTheDefaultClient() {
        CountingClient first = new CountingClient();
        CountingClient second = new CountingClient();
        assertSame(first, Gateway.defaultClient(List.of(first.provider(5), second.provider(5))));
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
        assertEquals(0, given.closes());
        assertSame(given, gateway.upstreamClient());
    }
}
