package dev.portcullis.config.internal.jetty;

import dev.portcullis.client.jetty.JettyUpstreamClient;
import dev.portcullis.config.internal.JettyFeature;
import dev.portcullis.config.internal.model.ClientModel;
import dev.portcullis.core.client.UpstreamClient;
import dev.portcullis.core.client.UpstreamTls;
import java.util.concurrent.Executor;

/**
 * Builds the {@link JettyUpstreamClient} of {@code client: {type: jetty}}. Loaded by name, only when the file asks
 * for the Jetty client.
 *
 * <pre>{@code
 * UpstreamClient client = new JettyClients().client(clientModel, null, null);
 * }</pre>
 */
public final class JettyClients implements JettyFeature {
    /** Loaded reflectively by {@code Features}. */
    public JettyClients() {
    }

    @Override
    public UpstreamClient client(ClientModel model, Executor executor, UpstreamTls tls) {
        JettyUpstreamClient.Builder client = JettyUpstreamClient.builder();
        if (model.maxConnectionsPerDestination() != null) {
            client.maxConnectionsPerDestination(model.maxConnectionsPerDestination());
        }
        if (model.maxRequestsQueuedPerDestination() != null) {
            client.maxRequestsQueuedPerDestination(model.maxRequestsQueuedPerDestination());
        }
        if (model.idleTimeout() != null) {
            client.idleTimeout(model.idleTimeout());
        }
        if (model.maxThreads() != null) {
            client.maxThreads(model.maxThreads());
        }
        if (executor != null) {
            client.executor(executor);
        }
        if (tls != null) {
            client.tls(tls);
        }
        return client.build();
    }
}
