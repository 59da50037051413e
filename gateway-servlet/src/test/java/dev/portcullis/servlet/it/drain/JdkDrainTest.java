package dev.portcullis.servlet.it.drain;

import dev.portcullis.core.client.JdkUpstreamClient;
import dev.portcullis.servlet.it.DefaultClient;
import org.junit.jupiter.api.Test;

/**
 * The drain with the JDK upstream client the gateway creates when no other is on the classpath. On Java 17 the JDK's
 * {@code HttpClient} has no close, so its idle pooled connections go only with the client object; the closed
 * {@code JdkUpstreamClient} refuses to send.
 */
class JdkDrainTest extends DrainContract {
    @Test
    void runsWithTheJdkClientAGatewayCreatesWhenNoOtherIsOnTheClasspath() {
        DefaultClient.assertIs(JdkUpstreamClient.class);
    }
}
