package dev.portcullis.servlet.container;

import dev.portcullis.core.Gateway;
import dev.portcullis.servlet.GatewayFilter;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.Graceful;

/**
 * Makes a Jetty 12 {@link Server}'s stop drain a {@link GatewayFilter} while the connections are still open. Left to
 * itself, Jetty closes every connection first and destroys the filter afterwards, which cuts the exchanges in flight;
 * with this bean, the stop (and so SIGTERM with {@code setStopAtShutdown(true)}) goes: the connectors stop accepting;
 * the gateway begins to close ({@link Gateway#close()}: a routed request on an open connection gets 503 with
 * {@code Connection: close} and {@code Retry-After}, the exchanges in flight finish for at most the drain timeout);
 * once it has drained, or at the server's stop timeout, Jetty closes the connections and destroys the filter.
 *
 * <pre>{@code
 * GatewayFilter filter = GatewayFilter.builder().pipeline(pipeline).drainTimeout(Duration.ofSeconds(30)).build();
 * // ... connectors and the context holding the filter ...
 * JettyGatewayDrain.applyTo(server, filter, Duration.ofSeconds(30));
 * server.start();
 * }</pre>
 *
 * It closes the filter's gateway, whoever built it. Thread-safe.
 */
public final class JettyGatewayDrain implements Graceful {
    /** What Jetty's stop timeout leaves beyond the drain timeout, for the gateway's own cut at its deadline. */
    private static final Duration MARGIN = Duration.ofSeconds(1);

    private final Gateway gateway;
    private CompletableFuture<Void> drained;

    private JettyGatewayDrain(Gateway gateway) {
        this.gateway = gateway;
    }

    /**
     * Adds the drain as a bean of the server and sets the server's stop timeout to the drain timeout and a second,
     * so Jetty waits for the gateway's drain and cuts only what the gateway's own deadline left.
     *
     * @param server the server, not started yet
     * @param filter the filter the server mounts
     * @param drainTimeout the filter's {@linkplain Gateway.Settings#drainTimeout(Duration) drain timeout}
     */
    public static void applyTo(Server server, GatewayFilter filter, Duration drainTimeout) {
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        server.addBean(new JettyGatewayDrain(filter.gateway()));
        server.setStopTimeout(drainTimeout.plus(MARGIN).toMillis());
    }

    /** @return completes once the gateway has drained and closed, on a thread of its own */
    @Override
    public synchronized CompletableFuture<Void> shutdown() {
        if (drained == null) {
            CompletableFuture<Void> closed = new CompletableFuture<>();
            Thread closing = new Thread(() -> {
                try {
                    gateway.close();
                } finally {
                    closed.complete(null);
                }
            }, "portcullis-drain");
            closing.setDaemon(true);
            closing.start();
            drained = closed;
        }
        return drained;
    }

    @Override
    public boolean isShutdown() {
        return gateway.closing();
    }
}
