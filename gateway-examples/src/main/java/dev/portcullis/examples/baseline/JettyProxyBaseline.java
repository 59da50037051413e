package dev.portcullis.examples.baseline;

import dev.portcullis.launcher.LauncherServer;
import org.eclipse.jetty.ee10.proxy.AsyncProxyServlet;
import org.eclipse.jetty.ee10.proxy.ProxyServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The load harness's baseline: Jetty 12's transparent proxy servlet ({@link AsyncProxyServlet.Transparent}, or the
 * blocking {@link ProxyServlet.Transparent}) on embedded Jetty, with the launcher's connector settings, forwarding
 * every path unchanged to one upstream. Not part of the library; {@code bench/compare.sh} starts it.
 *
 * <pre>
 * java -cp ... dev.portcullis.examples.baseline.JettyProxyBaseline 8081 http://127.0.0.1:9001 async
 * </pre>
 */
public final class JettyProxyBaseline {
    private JettyProxyBaseline() {
    }

    /**
     * @param args the port to listen on (0 for any), the upstream base URL, and optionally {@code async} (default)
     *             or {@code blocking}
     * @throws Exception if Jetty does not start
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: JettyProxyBaseline PORT UPSTREAM_URL [async|blocking]");
            System.exit(2);
            return;
        }
        boolean blocking = args.length == 3 && args[2].equals("blocking");
        Server server = new Server();
        ServerConnector connector = LauncherServer.connector(server, "127.0.0.1", Integer.parseInt(args[0]));
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        ServletHolder proxy = new ServletHolder(blocking ? new ProxyServlet.Transparent()
                : new AsyncProxyServlet.Transparent());
        proxy.setAsyncSupported(true);
        proxy.setInitParameter("proxyTo", args[1]);
        context.addServlet(proxy, "/*");
        server.setHandler(context);
        server.setStopAtShutdown(true);
        server.start();
        System.out.println("Jetty " + (blocking ? "ProxyServlet" : "AsyncProxyServlet") + ".Transparent listening on "
                + "http://127.0.0.1:" + connector.getLocalPort() + " -> " + args[1]);
        server.join();
    }
}
