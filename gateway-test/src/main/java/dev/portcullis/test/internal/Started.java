package dev.portcullis.test.internal;

/**
 * A container a launcher started: the port it listens on at {@code 127.0.0.1}, and how to stop it.
 *
 * <pre>{@code
 * Started started = JettyLauncher.start(filter, application, SlowClientLimits.defaults());
 * started.stopper().stop();
 * }</pre>
 *
 * @param port the bound port
 * @param stopper stops the container and releases what it holds
 */
public record Started(int port, Stopper stopper) {

    /** Stops a started container. */
    @FunctionalInterface
    public interface Stopper {
        /** @throws Exception if the container fails to stop */
        void stop() throws Exception;
    }
}
