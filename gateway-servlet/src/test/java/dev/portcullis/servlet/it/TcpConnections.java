package dev.portcullis.servlet.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The TCP connections of this machine as Linux lists them in {@code /proc/net/tcp} and {@code /proc/net/tcp6}: the
 * way a test finds connections nobody closed (a socket in {@code CLOSE_WAIT} on the gateway's port) or pools that
 * grew (connections established to an upstream).
 *
 * <pre>{@code
 * assumeTrue(TcpConnections.available());
 * assertEquals(0, TcpConnections.read().stream().filter(c -> c.localPort() == port && c.closeWait()).count());
 * }</pre>
 */
public final class TcpConnections {
    private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
    private static final String ESTABLISHED = "01";
    private static final String CLOSE_WAIT = "08";

    private TcpConnections() {
    }

    /**
     * One connection.
     *
     * @param localPort the port of this end
     * @param remotePort the port of the other end
     * @param state the kernel's state code, e.g. {@code 01} established, {@code 08} close-wait
     */
    public record Connection(int localPort, int remotePort, String state) {
        /** @return whether the peer closed and this end has not */
        public boolean closeWait() {
            return state.equals(CLOSE_WAIT);
        }

        /** @return whether the connection is open both ways */
        public boolean established() {
            return state.equals(ESTABLISHED);
        }
    }

    /** @return whether this machine lists its connections where {@link #read()} looks */
    public static boolean available() {
        return Files.isReadable(TABLES.get(0));
    }

    /**
     * @return every connection listed now, IPv4 and IPv6
     * @throws IOException if a table cannot be read
     */
    public static List<Connection> read() throws IOException {
        List<Connection> connections = new ArrayList<>();
        for (Path table : TABLES) {
            if (!Files.isReadable(table)) {
                continue;
            }
            List<String> lines = Files.readAllLines(table);
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                connections.add(new Connection(port(fields[1]), port(fields[2]), fields[3]));
            }
        }
        return connections;
    }

    private static int port(String address) {
        return Integer.parseInt(address.substring(address.indexOf(':') + 1), 16);
    }
}
