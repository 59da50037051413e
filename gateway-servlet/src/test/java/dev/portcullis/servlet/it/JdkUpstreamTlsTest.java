package dev.portcullis.servlet.it;

import dev.portcullis.core.client.JdkUpstreamClient;
import dev.portcullis.core.client.UpstreamClient;
import dev.portcullis.core.client.UpstreamTls;

/** The TLS contract with the JDK client; the assertions live in {@link UpstreamTlsContract}. */
class JdkUpstreamTlsTest extends UpstreamTlsContract {
    @Override
    protected UpstreamClient client(UpstreamTls tls) {
        return JdkUpstreamClient.builder().tls(tls).build();
    }

    @Override
    protected UpstreamClient defaultClient() {
        return JdkUpstreamClient.create();
    }
}
