package dev.portcullis.client.jetty;

import dev.portcullis.core.client.JdkUpstreamClient;
import dev.portcullis.core.client.UpstreamClient;

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
}
