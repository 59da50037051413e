package dev.portcullis.client.jetty;

import dev.portcullis.core.client.UpstreamClient;
import dev.portcullis.core.client.UpstreamTls;
import dev.portcullis.servlet.it.UpstreamTlsContract;

/** The TLS contract with the Jetty client; the assertions live in {@link UpstreamTlsContract}. */
class JettyUpstreamTlsTest extends UpstreamTlsContract {
    @Override
    protected UpstreamClient client(UpstreamTls tls) {
        return JettyUpstreamClient.builder().tls(tls).build();
    }

    @Override
    protected UpstreamClient defaultClient() {
        return JettyUpstreamClient.create();
    }
}
