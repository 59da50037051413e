package dev.portcullis.servlet.it.resilience;

import dev.portcullis.core.client.JdkUpstreamClient;
import dev.portcullis.servlet.it.DefaultClient;
import org.junit.jupiter.api.Test;

/** {@link ResilienceContract} with the JDK upstream client, the default when no other client is on the classpath. */
class JdkResilienceTest extends ResilienceContract {
    @Test
    void runsWithTheJdkClientAGatewayCreatesWhenNoOtherIsOnTheClasspath() {
        DefaultClient.assertIs(JdkUpstreamClient.class);
    }
}
