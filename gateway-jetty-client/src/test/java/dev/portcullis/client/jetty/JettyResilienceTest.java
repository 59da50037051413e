package dev.portcullis.client.jetty;

import dev.portcullis.servlet.it.DefaultClient;
import dev.portcullis.servlet.it.resilience.ResilienceContract;
import org.junit.jupiter.api.Test;

/**
 * {@link ResilienceContract} with the Jetty upstream client, the default with this module on the classpath. Unlike
 * the JDK client, the Jetty client never sends a request again by itself, so here the gateway's own retries are the
 * only ones.
 */
class JettyResilienceTest extends ResilienceContract {
    @Test
    void runsWithTheJettyClientAGatewayCreatesWhenThisModuleIsOnTheClasspath() {
        DefaultClient.assertIs(JettyUpstreamClient.class);
    }
}
