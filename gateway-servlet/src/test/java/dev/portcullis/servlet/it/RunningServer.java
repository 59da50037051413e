package dev.portcullis.servlet.it;

import java.net.URI;

/**
 * A started servlet container. Close it (try-with-resources) to stop it; closing it again does nothing.
 */
public final class RunningServer implements AutoCloseable {
    private final ServletContainer container;
    private final int port;
    private final Stopper stopper;
    private boolean stopped;

    /** Stops a container. */
    @FunctionalInterface
    interface Stopper {
        void stop() throws Exception;
    }

    RunningServer(ServletContainer container, int port, Stopper stopper) {
        this.container = container;
        this.port = port;
        this.stopper = stopper;
    }

    /** @return which container this is */
    public ServletContainer container() {
        return container;
    }

    /** @return the port on 127.0.0.1 */
    public int port() {
        return port;
    }

    /**
     * @param rawPathAndQuery a raw target such as {@code /api/x?q=1}, used exactly as given
     * @return the absolute URI on this server
     */
    public URI uri(String rawPathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + rawPathAndQuery);
    }

    /** Stops the container; later calls do nothing. @throws Exception if the container fails to stop */
    @Override
    public synchronized void close() throws Exception {
        if (!stopped) {
            stopped = true;
            stopper.stop();
        }
    }
}
