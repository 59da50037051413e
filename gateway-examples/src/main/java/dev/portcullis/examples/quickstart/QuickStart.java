package dev.portcullis.examples.quickstart;

import dev.portcullis.api.Pipeline;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.servlet.GatewayFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The quick start of the README: embedded Jetty 12 on 127.0.0.1:8080 with the gateway in front of one servlet of
 * your own, and one route, {@code /api/**}, proxied to an upstream (the first argument, default
 * {@code https://httpbin.org}) without its {@code /api} prefix.
 *
 * <pre>{@code
 * curl -i http://127.0.0.1:8080/api/get     # proxied to https://httpbin.org/get
 * curl -i http://127.0.0.1:8080/hello       # no route: your servlet answers
 * }</pre>
 */
public final class QuickStart {
    private QuickStart() {
    }

    /** @param args the upstream's base URI, optional */
    public static void main(String[] args) throws Exception {
        String upstream = args.length > 0 ? args[0] : "https://httpbin.org";
        Server server = start(8080, upstream);
        System.out.println("Portcullis on http://127.0.0.1:8080, /api/** -> " + upstream);
        server.join();
    }

    /**
     * @param port the port to listen on, 0 for a free one
     * @param upstream the base URI requests under {@code /api/} are proxied to
     * @return the started server; {@code stop()} it to shut down (the container then closes the gateway)
     */
    public static Server start(int port, String upstream) throws Exception {
        RouteTable routes = RouteTable.of(Route.builder("api")
                .path("/api/**").stripPrefix(1)                    // /api/get -> /get
                .upstream(upstream)
                .build());
        GatewayFilter gateway = GatewayFilter.builder()
                .pipeline(Pipeline.builder().add(Routing.interceptor(routes)).build())
                .build();

        ServletContextHandler context = new ServletContextHandler();
        FilterHolder filter = new FilterHolder(gateway);
        filter.setAsyncSupported(true);                            // waiting for an upstream holds no thread
        context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
        ServletHolder hello = new ServletHolder(new HelloServlet());
        hello.setAsyncSupported(true);
        context.addServlet(hello, "/hello");                       // what no route takes reaches your servlets

        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(context);
        server.start();
        return server;
    }

    /** Your own application, behind the gateway. */
    static final class HelloServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain;charset=utf-8");
            response.getWriter().println("hello from your application");
        }
    }
}
