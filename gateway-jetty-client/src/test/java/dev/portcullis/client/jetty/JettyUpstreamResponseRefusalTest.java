package dev.portcullis.client.jetty;

import dev.portcullis.servlet.it.UpstreamResponseRefusalContract;
import dev.portcullis.servlet.proxy.UpstreamClient;

class JettyUpstreamResponseRefusalTest extends UpstreamResponseRefusalContract {
    @Override
    protected UpstreamClient client() {
        return JettyUpstreamClient.create();
    }
}
