package dev.portcullis.client.jetty;

import org.eclipse.jetty.io.Connection;

/**
 * Fails the exchange of an upstream connection whose end point was closed underneath it. Jetty 12.1's client can
 * otherwise lose the end of a TLS connection: when the peer's close is read by the handshake's last step (a fill made
 * while flushing the request) and the response reader only then asks to be told of input, {@code SslConnection}
 * closes the end point and fails that read interest with a {@code ClosedChannelException}, which
 * {@code AbstractConnection} drops because the end point is no longer open; the exchange then waits for response
 * headers that can never come, until the route's response timeout. Closing the HTTP connection when its end point
 * closes aborts that exchange at once with an {@link java.io.IOException} (the gateway's 502); for a connection
 * already closed by the client, or an idle pooled one, it changes nothing. Registered on each client as a bean, which
 * Jetty adds as a listener to every connection it opens.
 *
 * <pre>{@code
 * HttpClient client = new HttpClient();
 * client.addBean(new ClosedConnections());
 * }</pre>
 */
final class ClosedConnections implements Connection.Listener {
    @Override
    public void onClosed(Connection connection) {
        connection.close();
    }
}
