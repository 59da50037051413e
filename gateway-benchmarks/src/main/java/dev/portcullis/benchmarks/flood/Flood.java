package dev.portcullis.benchmarks.flood;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A bounded connection-load client on one NIO selector thread, run by {@code bench/flood.sh}.
 *
 * <ul>
 *   <li>{@code Flood flood PORT PATH CONNECTIONS SECONDS}: opens every connection at once, sends one
 *       {@code GET PATH} with {@code Connection: close} on each, and reads each answer to its end. Prints the
 *       count per status, the connections that failed (reset, refused) or had no answer within SECONDS, and the
 *       p50/p99 latency from connect to the end of the answer.</li>
 *   <li>{@code Flood slowloris PORT PATH CONNECTIONS INTERVAL_SECONDS SECONDS}: opens every connection, sends a
 *       request line and then one header line every INTERVAL_SECONDS, never ending the head. Prints how many the
 *       server cut within SECONDS and when, and how many of one normal request per second sent alongside were
 *       answered.</li>
 * </ul>
 * Everything binds 127.0.0.1 and ends by SECONDS at the latest.
 */
public final class Flood {

    private static final int LATENESS_MILLIS = 50;

    private Flood() {
    }

    /**
     * Runs one mode.
     *
     * @param args the mode and its arguments, see the class comment
     * @throws IOException when the selector cannot be opened
     */
    public static void main(String[] args) throws IOException {
        if (args.length >= 5 && args[0].equals("flood")) {
            flood(Integer.parseInt(args[1]), args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
        } else if (args.length >= 6 && args[0].equals("slowloris")) {
            slowloris(Integer.parseInt(args[1]), args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]));
        } else {
            System.err.println("usage: Flood flood PORT PATH CONNECTIONS SECONDS"
                    + " | Flood slowloris PORT PATH CONNECTIONS INTERVAL_SECONDS SECONDS");
            System.exit(2);
        }
    }

    private static void flood(int port, String path, int connections, int seconds) throws IOException {
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: flood\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        Map<String, Integer> outcomes = new TreeMap<>();
        List<Long> latencies = new ArrayList<>();
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(seconds);
        try (Selector selector = Selector.open()) {
            for (int i = 0; i < connections; i++) {
                Exchange exchange = new Exchange(request);
                try {
                    exchange.channel = SocketChannel.open();
                    exchange.channel.configureBlocking(false);
                    exchange.started = System.nanoTime();
                    exchange.channel.connect(new InetSocketAddress("127.0.0.1", port));
                    exchange.channel.register(selector, SelectionKey.OP_CONNECT, exchange);
                } catch (IOException e) {
                    count(outcomes, "failed " + e.getClass().getSimpleName());
                    exchange.close();
                }
            }
            int open = selector.keys().size();
            while (open > 0 && System.nanoTime() < deadline) {
                selector.select(200);
                for (SelectionKey key : selector.selectedKeys()) {
                    Exchange exchange = (Exchange) key.attachment();
                    String outcome = exchange.advance(key);
                    if (outcome != null) {
                        count(outcomes, outcome);
                        if (outcome.startsWith("status")) {
                            latencies.add(System.nanoTime() - exchange.started);
                        }
                        exchange.close();
                        open--;
                    }
                }
                selector.selectedKeys().clear();
            }
            for (SelectionKey key : selector.keys()) {
                if (!key.isValid()) {
                    continue;
                }
                count(outcomes, "failed no answer within " + seconds + " s");
                ((Exchange) key.attachment()).close();
            }
        }
        System.out.printf("connections %d, wall time %.1f s%n", connections, (System.nanoTime() - start) / 1e9);
        outcomes.forEach((outcome, n) -> System.out.printf("  %-40s %6d%n", outcome, n));
        Collections.sort(latencies);
        if (!latencies.isEmpty()) {
            System.out.printf("  latency of answered: p50 %.0f ms, p99 %.0f ms, max %.0f ms%n",
                    percentile(latencies, 50), percentile(latencies, 99), percentile(latencies, 100));
        }
    }

    private static void slowloris(int port, String path, int connections, int intervalSeconds, int seconds)
            throws IOException {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(seconds);
        List<Socket> sockets = new ArrayList<>();
        List<Long> cutAfter = new ArrayList<>();
        int probes = 0;
        int probesAnswered = 0;
        try {
            for (int i = 0; i < connections; i++) {
                Socket socket = new Socket("127.0.0.1", port);
                socket.setSoTimeout(1);
                socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: flood\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                sockets.add(socket);
            }
            long nextDrip = System.nanoTime();
            int line = 0;
            while (System.nanoTime() < deadline && cutAfter.size() < connections) {
                if (System.nanoTime() >= nextDrip) {
                    line++;
                    byte[] drip = ("X-Drip-" + line + ": x\r\n").getBytes(StandardCharsets.US_ASCII);
                    for (Socket socket : sockets) {
                        if (!socket.isClosed() && !dripped(socket, drip)) {
                            cutAfter.add(System.nanoTime() - start);
                            socket.close();
                        }
                    }
                    nextDrip += TimeUnit.SECONDS.toNanos(intervalSeconds);
                }
                probes++;
                probesAnswered += probe(port, path) ? 1 : 0;
                long pause = Math.min(TimeUnit.NANOSECONDS.toMillis(nextDrip - System.nanoTime()), 1000);
                if (pause > LATENESS_MILLIS) {
                    Thread.sleep(pause);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
        Collections.sort(cutAfter);
        System.out.printf("slowloris connections %d (a header line every %d s) for at most %d s%n",
                connections, intervalSeconds, seconds);
        System.out.printf("  cut by the server               %6d%n", cutAfter.size());
        System.out.printf("  still open at the end           %6d%n", connections - cutAfter.size());
        if (!cutAfter.isEmpty()) {
            System.out.printf("  cut after: p50 %.1f s, max %.1f s%n",
                    percentile(cutAfter, 50) / 1000, percentile(cutAfter, 100) / 1000);
        }
        System.out.printf("  normal requests answered alongside %d of %d%n", probesAnswered, probes);
    }

    /** @return false once the server has closed or reset the connection (or answered it, which also ends it) */
    private static boolean dripped(Socket socket, byte[] drip) {
        try {
            InputStream in = socket.getInputStream();
            try {
                in.read();
                return false;
            } catch (SocketTimeoutException stillOpen) {
                // nothing from the server yet (no answer, no close): the connection is still open
            }
            OutputStream out = socket.getOutputStream();
            out.write(drip);
            out.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean probe(int port, String path) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: flood\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] head = socket.getInputStream().readNBytes(12);
            return new String(head, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200");
        } catch (IOException e) {
            return false;
        }
    }

    private static double percentile(List<Long> sortedNanos, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sortedNanos.size()) - 1;
        return sortedNanos.get(Math.max(0, index)) / 1e6;
    }

    private static void count(Map<String, Integer> outcomes, String outcome) {
        outcomes.merge(outcome, 1, Integer::sum);
    }

    /** One connection of a flood: connect, write the request, read the answer to its end. */
    private static final class Exchange {
        final ByteBuffer request;
        final ByteBuffer in = ByteBuffer.allocate(4096);
        SocketChannel channel;
        long started;
        String status;

        Exchange(byte[] request) {
            this.request = ByteBuffer.wrap(request);
        }

        /** @return the outcome once the exchange is over, else null */
        String advance(SelectionKey key) {
            try {
                if (key.isConnectable()) {
                    channel.finishConnect();
                    key.interestOps(SelectionKey.OP_WRITE);
                } else if (key.isWritable()) {
                    channel.write(request);
                    if (!request.hasRemaining()) {
                        key.interestOps(SelectionKey.OP_READ);
                    }
                } else if (key.isReadable()) {
                    return read();
                }
                return null;
            } catch (IOException e) {
                return status != null ? "status " + status + " (then cut)" : "failed " + e.getClass().getSimpleName();
            }
        }

        private String read() throws IOException {
            int n = channel.read(in);
            if (status == null && in.position() >= 12) {
                status = new String(in.array(), 9, 3, StandardCharsets.US_ASCII);
            }
            if (n == -1) {
                return status != null ? "status " + status : "failed closed without an answer";
            }
            if (status != null) {
                in.clear();
            }
            return null;
        }

        void close() {
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException ignored) {
                // closing a socket of a finished measurement
            }
        }
    }
}
