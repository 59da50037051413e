package dev.portcullis.client.jetty;

import dev.portcullis.core.client.UpstreamClient;
import dev.portcullis.core.client.UpstreamClientProvider;

/**
 * Makes {@link JettyUpstreamClient} the default client of every {@link dev.portcullis.core.Gateway} (and so every
 * servlet {@code GatewayFilter}) built without one while this module is on the classpath; registered in
 * {@code META-INF/services/dev.portcullis.core.client.UpstreamClientProvider}. Each call to {@link #create()} returns
 * a new {@link JettyUpstreamClient#create()}, which the gateway closes with itself.
 */
public final class JettyUpstreamClientProvider implements UpstreamClientProvider {
    /** The priority of this provider: above zero, the rank a provider without a preference would take. */
    public static final int PRIORITY = 100;

    @Override
    public UpstreamClient create() {
        return JettyUpstreamClient.create();
    }

    @Override
    public int priority() {
        return PRIORITY;
    }
}
