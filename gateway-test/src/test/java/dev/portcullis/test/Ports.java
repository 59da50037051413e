package dev.portcullis.test;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/** Checks on ports of servers a test stopped. */
public final class Ports {
    private Ports() {
    }

    /**
     * Asserts that nothing listens on a port of 127.0.0.1 any more: a connection is refused. (A connection to a
     * freed ephemeral port can meet itself, a TCP simultaneous open from that very port; that is no listener either.
     * Binding the port instead is no proof: a client connection may still use it as its local port.)
     *
     * @param port the port a stopped server listened on
     * @throws IOException if connecting fails otherwise
     */
    public static void assertNotListening(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            assertEquals(port, socket.getLocalPort(), "something still listens on 127.0.0.1:" + port);
        } catch (ConnectException refused) {
            // nothing listens
        }
    }
}
