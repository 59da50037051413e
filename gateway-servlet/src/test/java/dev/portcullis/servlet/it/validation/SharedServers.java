package dev.portcullis.servlet.it.validation;

import dev.portcullis.servlet.it.AppServlet;
import dev.portcullis.servlet.it.RunningServer;
import dev.portcullis.servlet.it.ServletContainer;
import jakarta.servlet.Filter;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One running server per container for a whole test class, started on first use with a fresh filter from the
 * supplier and stopped by {@link #close()} (call it from {@code @AfterAll}).
 *
 * <pre>{@code
 * private static final SharedServers SERVERS = new SharedServers(() -> gatewayFilter());
 * RunningServer server = SERVERS.on(container);
 * }</pre>
 */
public final class SharedServers implements AutoCloseable {
    private final Supplier<? extends Filter> filters;
    private final Map<ServletContainer, RunningServer> running = new EnumMap<>(ServletContainer.class);

    public SharedServers(Supplier<? extends Filter> filters) {
        this.filters = filters;
    }

    /** @return the server running in that container, started now if needed */
    public synchronized RunningServer on(ServletContainer container) throws Exception {
        RunningServer server = running.get(container);
        if (server == null) {
            server = container.start(filters.get(), new AppServlet());
            running.put(container, server);
        }
        return server;
    }

    @Override
    public synchronized void close() throws Exception {
        for (RunningServer server : running.values()) {
            server.close();
        }
        running.clear();
    }
}
