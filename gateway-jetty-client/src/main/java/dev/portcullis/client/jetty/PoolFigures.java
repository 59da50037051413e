package dev.portcullis.client.jetty;

import dev.portcullis.core.client.ConnectionPoolFigures;
import java.net.URI;
import org.eclipse.jetty.client.AbstractConnectionPool;
import org.eclipse.jetty.client.ConnectionPool;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Origin;
import org.eclipse.jetty.client.transport.HttpDestination;

/** Reads the connection figures of one Jetty {@link HttpClient}'s destination for an upstream instance. */
final class PoolFigures {
    private PoolFigures() {
    }

    /**
     * @param client a started client
     * @param instance the instance's base URI
     * @return the figures of the client's destination for the instance's scheme, host and port; with no destination
     *     yet, none open and the client's limit
     */
    static ConnectionPoolFigures of(HttpClient client, URI instance) {
        for (Destination destination : client.getDestinations()) {
            if (serves(destination.getOrigin(), instance)) {
                return of(destination, client.getMaxConnectionsPerDestination());
            }
        }
        return ConnectionPoolFigures.empty(client.getMaxConnectionsPerDestination());
    }

    private static ConnectionPoolFigures of(Destination destination, int max) {
        int queued = destination instanceof HttpDestination http ? http.getQueuedRequestCount() : 0;
        ConnectionPool pool = destination.getConnectionPool();
        if (pool instanceof AbstractConnectionPool counted) {
            return new ConnectionPoolFigures(counted.getActiveConnectionCount(), counted.getIdleConnectionCount(),
                    counted.getPendingConnectionCount(), counted.getMaxConnectionCount(), queued);
        }
        return new ConnectionPoolFigures(0, 0, 0, max, queued);
    }

    private static boolean serves(Origin origin, URI instance) {
        Origin.Address address = origin.getAddress();
        return origin.getScheme().equalsIgnoreCase(instance.getScheme())
                && address.getHost().equalsIgnoreCase(host(instance))
                && address.getPort() == port(instance);
    }

    private static String host(URI instance) {
        String host = instance.getHost();
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static int port(URI instance) {
        return instance.getPort() != -1 ? instance.getPort() : "https".equalsIgnoreCase(instance.getScheme()) ? 443 : 80;
    }
}
