package dev.portcullis.examples.demo;

import java.util.Objects;
import java.util.concurrent.CountDownLatch;

/**
 * What every example's {@code main} does around its app: read the port argument, and keep the app running until
 * the JVM is asked to stop (Ctrl-C), closing it on the way out.
 *
 * <pre>{@code
 * public static void main(String[] args) throws Exception {
 *     RunningApp app = start(Launch.port(args, 8080));
 *     System.out.println("listening on " + app.baseUri());
 *     Launch.runUntilShutdown(app);
 * }
 * }</pre>
 */
public final class Launch {
    private Launch() {
    }

    /**
     * @param args the command line; its first argument, if any, is the port
     * @param defaultPort the port without an argument
     * @return the port, 0 to 65535 (0: any free port)
     * @throws IllegalArgumentException naming {@code port} if the argument is not a port number
     */
    public static int port(String[] args, int defaultPort) {
        Objects.requireNonNull(args, "args");
        if (args.length == 0) {
            return defaultPort;
        }
        try {
            int port = Integer.parseInt(args[0]);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below, with the setting's name
        }
        throw new IllegalArgumentException("port: expected 0 to 65535, got '" + args[0] + "'");
    }

    /**
     * Blocks the calling thread until the JVM shuts down; a shutdown hook closes {@code app} first.
     *
     * @param app the running app
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    public static void runUntilShutdown(RunningApp app) throws InterruptedException {
        Objects.requireNonNull(app, "app");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                app.close();
            } catch (Exception e) {
                System.err.println("stopping the example failed: " + e);
            } finally {
                stopped.countDown();
            }
        }, "example-shutdown"));
        stopped.await();
    }
}
