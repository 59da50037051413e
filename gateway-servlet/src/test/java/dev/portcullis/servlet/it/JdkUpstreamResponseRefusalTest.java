package dev.portcullis.servlet.it;

import dev.portcullis.servlet.proxy.JdkUpstreamClient;
import dev.portcullis.servlet.proxy.UpstreamClient;

class JdkUpstreamResponseRefusalTest extends UpstreamResponseRefusalContract {
    @Override
    protected UpstreamClient client() {
        return JdkUpstreamClient.create();
    }
}
