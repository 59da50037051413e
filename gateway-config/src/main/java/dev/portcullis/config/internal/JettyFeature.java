package dev.portcullis.config.internal;

import dev.portcullis.config.internal.model.ClientModel;
import dev.portcullis.core.client.UpstreamClient;
import dev.portcullis.core.client.UpstreamTls;
import java.util.concurrent.Executor;

/**
 * Builds the Jetty upstream client of {@code client: {type: jetty}}; loaded by name only when the file asks for
 * it.
 *
 * <pre>{@code
 * UpstreamClient client = jetty.client(clientModel, executorOrNull, tlsOrNull);
 * }</pre>
 */
public interface JettyFeature {
    /**
     * @param model the client section
     * @param executor an executor to share, or null for the client's own pool
     * @param tls the TLS settings, or null for the client's default
     * @return the started client
     * @throws IllegalArgumentException naming a setting out of range
     */
    UpstreamClient client(ClientModel model, Executor executor, UpstreamTls tls);
}
