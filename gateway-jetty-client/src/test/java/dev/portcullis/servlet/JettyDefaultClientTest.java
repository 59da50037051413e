package dev.portcullis.servlet;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.portcullis.api.Body;
import dev.portcullis.api.HttpHeaders;
import dev.portcullis.api.Pipeline;
import dev.portcullis.client.jetty.JettyUpstreamClient;
import dev.portcullis.core.client.UpstreamClient;
import dev.portcullis.core.client.UpstreamRequest;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * With {@code gateway-jetty-client} on the classpath, a {@link GatewayFilter} built without a client creates a
 * {@link JettyUpstreamClient} (found through its {@code UpstreamClientProvider}) and closes it in {@code destroy()}.
 * In this package to read the filter's client; see {@code JettyDefaultClientGatewayTest} for the behaviour.
 */
class JettyDefaultClientTest {

    @Test
    void aFilterBuiltWithoutAClientUsesAJettyUpstreamClientWhenTheJettyModuleIsOnTheClasspath() {
        GatewayFilter filter = GatewayFilter.builder().pipeline(Pipeline.builder().build()).build();
        try {
            assertInstanceOf(JettyUpstreamClient.class, filter.upstreamClient());
        } finally {
            filter.destroy();
        }
    }

    @Test
    void destroyClosesTheJettyClientTheFilterCreated() {
        GatewayFilter filter = GatewayFilter.builder().pipeline(Pipeline.builder().build()).build();
        UpstreamClient client = filter.upstreamClient();
        filter.destroy();
        UpstreamRequest request = new UpstreamRequest("GET", URI.create("http://127.0.0.1:9/x"),
                HttpHeaders.empty(), Body.empty(), Duration.ofSeconds(1),
                Duration.ofSeconds(1));
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> client.exchange(request).get(10, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, failure.getCause());
    }
}
