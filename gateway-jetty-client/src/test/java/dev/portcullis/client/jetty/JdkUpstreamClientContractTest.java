package dev.portcullis.client.jetty;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.core.client.JdkUpstreamClient;
import dev.portcullis.core.client.UpstreamClient;
import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * The contract against the default {@link JdkUpstreamClient}, so both clients are held to the same tests; the
 * assertions live in {@link UpstreamClientContract}.
 */
class JdkUpstreamClientContractTest extends UpstreamClientContract {
    @Override
    protected UpstreamClient newClient() {
        return JdkUpstreamClient.create();
    }

    /** JDK-8283544, fixed in Java 19. */
    @Override
    protected boolean sendsContentLengthZeroOnEveryRequest() {
        return Runtime.version().feature() < 19;
    }

    @Test
    void theJdkClientReportsNoPoolFiguresBecauseItsHttpClientHidesItsPool() {
        assertTrue(client.connectionPool(URI.create("http://127.0.0.1:1")).isEmpty());
    }
}
