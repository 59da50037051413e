package dev.portcullis.servlet.container;

import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Applies {@link SlowClientLimits} to every connector of a Jetty 12 {@link Server}; call it after adding the
 * connectors and before {@code server.start()}. On each connector it sets
 * <ul>
 *   <li>{@code AbstractConnector#setIdleTimeout} to the idle timeout;</li>
 *   <li>{@code HttpConfiguration#setMinRequestDataRate} of every {@link HttpConnectionFactory} to the minimum
 *       request-body rate (Jetty answers a slower body with 408 and closes);</li>
 *   <li>a request head deadline, which Jetty has no setting for: a {@link Connection.Listener} samples each HTTP/1.1
 *       connection every half deadline and closes it when the same request head is still incomplete at two
 *       consecutive samples. A head (from its first byte, or from accepting the connection for the first request) is
 *       therefore cut after at most the deadline and at least half of it, however slowly its bytes trickle in.
 *       Waiting between keep-alive requests is bounded by the idle timeout instead.</li>
 * </ul>
 * The deadline reads the parser state of Jetty's {@code HttpConnection}; connections of other protocols (HTTP/2)
 * get the idle timeout and data rate only. Stateless and thread-safe.
 */
public final class JettySlowClientLimits {
    private JettySlowClientLimits() {
    }

    /**
     * @param server a server whose connectors are already added
     * @param limits the limits
     */
    public static void applyTo(Server server, SlowClientLimits limits) {
        for (Connector connector : server.getConnectors()) {
            if (connector instanceof AbstractConnector abstractConnector) {
                abstractConnector.setIdleTimeout(limits.idleTimeout().toMillis());
            }
            for (HttpConnectionFactory factory : connector.getBeans(HttpConnectionFactory.class)) {
                HttpConfiguration http = factory.getHttpConfiguration();
                http.setMinRequestDataRate(limits.minRequestBodyRate());
            }
            connector.addBean(new HeadDeadline(connector, limits.requestHeadTimeout().toMillis() / 2));
        }
    }

    /** Samples every HTTP/1.1 connection each {@code period} ms and closes one stuck in the same request head. */
    private static final class HeadDeadline implements Connection.Listener {
        private final Connector connector;
        private final long period;

        HeadDeadline(Connector connector, long period) {
            this.connector = connector;
            this.period = Math.max(1, period);
        }

        @Override
        public void onOpened(Connection connection) {
            if (connection instanceof HttpConnection http) {
                schedule(http, -1);
            }
        }

        private void schedule(HttpConnection connection, long pendingSince) {
            Scheduler scheduler = connector.getScheduler();
            scheduler.schedule(() -> sample(connection, pendingSince), period, TimeUnit.MILLISECONDS);
        }

        /**
         * @param pendingSince the message count at the previous sample if a head was pending then, else -1
         */
        private void sample(HttpConnection connection, long pendingSince) {
            if (!connection.getEndPoint().isOpen()) {
                return;
            }
            long messages = connection.getMessagesIn();
            if (!headPending(connection.getParser(), messages)) {
                schedule(connection, -1);
            } else if (pendingSince == messages) {
                connection.getEndPoint().close();
            } else {
                schedule(connection, messages);
            }
        }

        private static boolean headPending(HttpParser parser, long messages) {
            HttpParser.State state = parser.getState();
            boolean inHead = state.ordinal() < HttpParser.State.CONTENT.ordinal();
            return inHead && (state != HttpParser.State.START || messages == 0);
        }
    }
}
