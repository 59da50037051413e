package dev.portcullis.examples.demo;

import java.util.Objects;
import java.util.concurrent.CountDownLatch;

/**
 * What every example's {@code main} does around its app: read the port argument, start the app, print the
 * {@linkplain TryIt curl lines} to try, and keep it running until the JVM is asked to stop (Ctrl-C), closing it on
 * the way out.
 *
 * <pre>{@code
 * public static void main(String[] args) throws Exception {
 *     Launch.serve(args, "embedded Jetty 12", JettyExample::start);
 * }
 * }</pre>
 */
public final class Launch {
    private Launch() {
    }

    /**
     * Starts an app on the port the command line names (default 8080), prints what to try, and blocks until the JVM
     * shuts down.
     *
     * @param args the command line: an optional port
     * @param container the container's name for the banner, e.g. {@code embedded Jetty 12}
     * @param start starts the app on a port
     * @throws Exception if the app does not start
     */
    public static void serve(String[] args, String container, AppStart start) throws Exception {
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(start, "start");
        RunningApp app = start.start(port(args, 8080));
        System.out.println();
        System.out.println("Portcullis example on " + app.baseUri() + " (" + container + "). Try:");
        System.out.println();
        TryIt.print(TryIt.forApp(app.baseUri()), System.out);
        System.out.println("Ctrl-C stops it.");
        runUntilShutdown(app);
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
     * @param app what runs, e.g. a {@link RunningApp}
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    static void runUntilShutdown(AutoCloseable app) throws InterruptedException {
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

    /** Starts an example app. */
    @FunctionalInterface
    public interface AppStart {
        /**
         * @param port the port on {@code 127.0.0.1}, 0 for any free one
         * @return the running app
         * @throws Exception if it does not start
         */
        RunningApp start(int port) throws Exception;
    }
}
