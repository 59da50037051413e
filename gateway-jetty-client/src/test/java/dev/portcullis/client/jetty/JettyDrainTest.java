package dev.portcullis.client.jetty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.portcullis.servlet.it.RawHttp;
import dev.portcullis.servlet.it.TcpConnections;
import dev.portcullis.servlet.it.drain.DrainContract;
import java.io.IOException;
import java.util.concurrent.Future;

/**
 * The drain with the Jetty client the gateway creates when this module is on the classpath: closing it stops its
 * connection pools, which closes their connections to the upstream and cuts a download still running at the
 * deadline at once.
 */
class JettyDrainTest extends DrainContract {

    @Override
    protected void assertPoolsClosed(int upstreamPort) throws IOException {
        assumeTrue(TcpConnections.available(), "this machine does not list its connections in /proc/net");
        assertEquals(0, TcpConnections.read().stream()
                .filter(connection -> connection.remotePort() == upstreamPort && connection.established()).count(),
                "a connection to the upstream is still open");
    }

    @Override
    protected void assertCutAtTheDeadline(Future<RawHttp.Response> download) throws Exception {
        assertFalse(deliveredWhole(download), "the download outlived the deadline");
    }
}
