package dev.portcullis.core.client;

/**
 * Supplies the {@link UpstreamClient} a {@link dev.portcullis.core.Gateway} (and so a servlet {@code GatewayFilter})
 * uses when its builder was given none. Providers are found with {@link java.util.ServiceLoader}: a module registers its implementation in
 * {@code META-INF/services/dev.portcullis.core.client.UpstreamClientProvider}. {@code gateway-jetty-client} does, so
 * with it on the classpath the Jetty client is the default; without any provider the default is
 * {@link JdkUpstreamClient#create()}.
 *
 * <p>Contract:
 * <ul>
 *   <li>An implementation has a public no-argument constructor and does no work in it.</li>
 *   <li>{@link #create()} returns a new client with its default settings each time it is called; the filter that
 *       asked for it owns it and closes it in its {@code destroy()}.</li>
 *   <li>{@link #priority()} is constant; of several providers on the classpath the one with the highest priority is
 *       used (ties: the first {@code ServiceLoader} returns).</li>
 * </ul>
 */
public interface UpstreamClientProvider {

    /** @return a new client with default settings, owned (and closed) by the caller */
    UpstreamClient create();

    /** @return this provider's rank; the highest-ranked provider on the classpath supplies the default client */
    int priority();
}
