package dev.portcullis.test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import java.net.InetAddress;
import java.net.ServerSocket;

/** Checks on ports of servers a test stopped. */
public final class Ports {
    private Ports() {
    }

    /**
     * Asserts that nothing listens on a port of 127.0.0.1 any more, by binding it: a connect attempt could meet
     * itself on a freed ephemeral port and succeed.
     *
     * @param port the port a stopped server listened on
     */
    public static void assertFree(int port) {
        assertDoesNotThrow(() -> new ServerSocket(port, 1, InetAddress.getLoopbackAddress()).close(),
                "something still listens on 127.0.0.1:" + port);
    }
}
