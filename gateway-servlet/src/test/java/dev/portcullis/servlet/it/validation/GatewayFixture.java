package dev.portcullis.servlet.it.validation;

import dev.portcullis.servlet.it.AppServlet;
import dev.portcullis.servlet.it.RunningServer;
import dev.portcullis.servlet.it.ServletContainer;
import jakarta.servlet.Filter;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One recording {@link Upstream} and one running server per container for a whole test class: the upstream starts
 * before the class, each container starts on first use with a filter built for that upstream, what the upstream
 * received is forgotten before each test, and everything stops after the class.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final GatewayFixture GATEWAY = new GatewayFixture(upstream -> GatewayFilter.builder()...build());
 *
 * RunningServer server = GATEWAY.on(container);
 * Upstream.Seen seen = GATEWAY.upstream().next();
 * }</pre>
 */
public final class GatewayFixture implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
    private final Function<Upstream, ? extends Filter> gateway;
    private final Map<ServletContainer, RunningServer> running = new EnumMap<>(ServletContainer.class);
    private Upstream upstream;

    /** @param gateway builds the filter under test for the class's upstream */
    public GatewayFixture(Function<Upstream, ? extends Filter> gateway) {
        this.gateway = gateway;
    }

    /** @return the class's upstream */
    public Upstream upstream() {
        return upstream;
    }

    /**
     * @param container the container
     * @return the server running the gateway in that container, started now if needed
     * @throws Exception if the container does not start
     */
    public synchronized RunningServer on(ServletContainer container) throws Exception {
        RunningServer server = running.get(container);
        if (server == null) {
            server = container.start(gateway.apply(upstream), new AppServlet());
            running.put(container, server);
        }
        return server;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        upstream = Upstream.start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        upstream.clear();
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) throws Exception {
        try {
            for (RunningServer server : running.values()) {
                server.close();
            }
        } finally {
            running.clear();
            upstream.close();
        }
    }
}
