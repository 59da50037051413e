package dev.portcullis.launcher;

import dev.portcullis.client.jetty.JettyUpstreamClient;
import dev.portcullis.core.client.JdkUpstreamClient;
import dev.portcullis.core.client.UpstreamClient;
import dev.portcullis.core.client.UpstreamTls;
import java.util.Locale;
import java.util.concurrent.Executor;

/**
 * The upstream clients the launcher can use ({@code --client jdk|jetty}); both sit behind {@link UpstreamClient}.
 *
 * <pre>{@code
 * UpstreamClient client = ClientKind.parse("jetty").create(server.getThreadPool(), UpstreamTls.defaults());
 * }</pre>
 */
public enum ClientKind {
    /** The JDK's {@code java.net.http.HttpClient}: {@link JdkUpstreamClient}. */
    JDK {
        @Override
        public UpstreamClient create(Executor serverThreads, UpstreamTls tls) {
            return JdkUpstreamClient.builder().tls(tls).build();
        }
    },
    /** Eclipse Jetty 12's {@code HttpClient}: {@link JettyUpstreamClient}, on the server's own thread pool. */
    JETTY {
        @Override
        public UpstreamClient create(Executor serverThreads, UpstreamTls tls) {
            return JettyUpstreamClient.builder().executor(serverThreads).tls(tls).build();
        }
    };

    /**
     * @param serverThreads the embedding server's thread pool, which a client that can share it uses
     * @param tls how the client verifies {@code https} upstreams and which client certificate it presents
     * @return a new client of this kind; the gateway filter closes it
     */
    public abstract UpstreamClient create(Executor serverThreads, UpstreamTls tls);

    /**
     * @param name {@code jdk} or {@code jetty}, any case
     * @return the kind
     * @throws UsageException naming {@code --client} for any other name
     */
    public static ClientKind parse(String name) throws UsageException {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--client", "must be jdk or jetty, was '" + name + "'");
        }
    }
}
