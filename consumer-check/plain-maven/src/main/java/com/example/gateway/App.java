package com.example.gateway;

import dev.portcullis.api.Pipeline;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.core.guard.GuardPolicy;
import dev.portcullis.core.guard.RequestGuards;
import dev.portcullis.servlet.GatewayFilter;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The README's quick start in a plain Maven app: embedded Jetty 12 on 127.0.0.1 with the gateway filter in front,
 * proxying {@code /api/**} to one upstream.
 *
 * <pre>
 * java -cp ... com.example.gateway.App 8080 http://127.0.0.1:9001
 * </pre>
 */
public final class App {
    private App() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String upstream = args[1];

        RouteTable routes = RouteTable.of(Route.builder("api").path("/api/**").upstream(upstream).build());
        Pipeline pipeline = Pipeline.builder()
                .add(Routing.interceptor(routes))
                .add(RequestGuards.interceptor(GuardPolicy.defaults()))
                .build();
        GatewayFilter gateway = GatewayFilter.builder().pipeline(pipeline).build();

        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addEventListener(new ServletContextListener() {
            @Override
            public void contextInitialized(ServletContextEvent event) {
                gateway.register(event.getServletContext());      // async supported, REQUEST + ASYNC, on /*
            }
        });
        server.setHandler(context);
        server.setStopAtShutdown(true);
        server.start();
        System.out.println("listening on http://127.0.0.1:" + connector.getLocalPort() + ", /api/** -> " + upstream);
        server.join();
    }
}
