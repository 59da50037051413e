package dev.portcullis.servlet.it;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.portcullis.api.Pipeline;
import dev.portcullis.core.Gateway;
import dev.portcullis.core.client.UpstreamClient;

/**
 * The client a gateway built without one sends through, on the test's classpath: a contract's subclass that relies on
 * the default client proves with it which client it really runs.
 */
public final class DefaultClient {
    private DefaultClient() {
    }

    /**
     * @param expected the client class this classpath should make the default
     * @throws AssertionError if a gateway built without a client creates another one
     */
    public static void assertIs(Class<? extends UpstreamClient> expected) {
        try (Gateway gateway = Gateway.builder().pipeline(Pipeline.builder().build()).build()) {
            assertInstanceOf(expected, gateway.upstreamClient(), "the default upstream client on this classpath");
        }
    }
}
