package dev.portcullis.examples.docs;

import dev.portcullis.api.ExchangeEvent;
import dev.portcullis.api.Interceptor;
import dev.portcullis.api.Pipeline;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.core.Gateway;
import dev.portcullis.ratelimit.RedisBucketStore;
import dev.portcullis.servlet.GatewayFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import java.util.EnumSet;
import java.util.Queue;
import org.apache.catalina.Context;
import org.apache.catalina.servlets.DefaultServlet;
import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The fragments of docs/pipeline.md, compiled; {@code PipelineGuideTest} runs the ones that need no server. */
final class PipelineGuide {
    private static final Logger log = LoggerFactory.getLogger(PipelineGuide.class);

    private PipelineGuide() {
    }

    /** The application behind the gateway in the mounting examples. */
    static final class MyServlet extends HttpServlet {
    }

    static ServletContextHandler jetty(GatewayFilter gateway) {
        // tag::jetty[]
        ServletContextHandler context = new ServletContextHandler();
        ServletHolder app = new ServletHolder(new MyServlet());
        app.setAsyncSupported(true);
        context.addServlet(app, "/hello");
        FilterHolder holder = new FilterHolder(gateway);
        holder.setAsyncSupported(true);
        context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
        // end::jetty[]
        return context;
    }

    static Context tomcat(Tomcat tomcat, String baseDir, GatewayFilter gateway) {
        // tag::tomcat[]
        Context context = tomcat.addContext("", baseDir);
        Tomcat.addServlet(context, "hello", new MyServlet()).setAsyncSupported(true);
        context.addServletMappingDecoded("/hello", "hello");
        Tomcat.addServlet(context, "default", new DefaultServlet()).setAsyncSupported(true);
        context.addServletMappingDecoded("/", "default");
        context.addServletContainerInitializer((classes, servletContext) -> gateway.register(servletContext), null);
        // end::tomcat[]
        return context;
    }

    static GatewayFilter engine(Pipeline pipeline) {
        // tag::engine[]
        Gateway engine = Gateway.builder().pipeline(pipeline).trustedProxies("10.0.0.0/8").build();
        GatewayFilter filter = GatewayFilter.of(engine);              // destroy() leaves it open; engine.close() on shutdown
        // end::engine[]
        return filter;
    }

    static GatewayFilter listener(Pipeline pipeline, Queue<String> alerts) {
        // tag::listener[]
        GatewayFilter filter = GatewayFilter.builder().pipeline(pipeline)
            .listener(event -> {
                if (event instanceof ExchangeEvent.Ended ended && ended.status() >= 500) {
                    alerts.offer(ended.requestId());                  // a queue: never block the caller
                }
            })
            .build();
        // end::listener[]
        return filter;
    }

    static Pipeline pipeline(RouteTable routes) {
        return Pipeline.builder().add(Routing.interceptor(routes)).build();
    }

    static GatewayFilter reload(RouteTable routesV1, RouteTable routesV2, RedisBucketStore retiredRedisStore) {
        // tag::reload[]
        GatewayFilter filter = GatewayFilter.builder().pipeline(pipeline(routesV1)).trustedProxies("10.0.0.0/8").build();
        // ... later, when the routes change:
        try {
            filter.gateway().reload(Gateway.builder()
                    .pipeline(pipeline(routesV2))                     // the same limiter, authenticators, stores as before
                    .trustedProxies("10.0.0.0/8"))
                .thenRun(retiredRedisStore::close);                   // what only the old configuration used
        } catch (IllegalArgumentException invalid) {
            log.error("configuration refused, the current one keeps serving: {}", invalid.getMessage());
        }
        // end::reload[]
        return filter;
    }

    static Interceptor timing() {
        // tag::timing[]
        Interceptor timing = Interceptor.named("Timing", chain -> {
            long start = System.nanoTime();
            return chain.proceed(chain.request()).thenApply(response -> response.passesToApplication()
                ? response
                : response.withHeader("Server-Timing", "gw;dur=" + (System.nanoTime() - start) / 1_000_000.0));
        });
        // end::timing[]
        return timing;
    }
}
