package dev.portcullis.examples.docs;

import dev.portcullis.api.Pipeline;
import dev.portcullis.api.routing.Route;
import dev.portcullis.auth.jwt.JwtIssuer;
import dev.portcullis.core.accesslog.AccessLog;
import dev.portcullis.core.accesslog.AccessLogSampling;
import dev.portcullis.core.trace.TracePolicy;
import dev.portcullis.micrometer.GatewayMetrics;
import dev.portcullis.servlet.GatewayFilter;
import dev.portcullis.servlet.admin.AdminServlet;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

/** The fragments of docs/observability.md, compiled; {@code GuidesBuildTest} builds the ones that need no server. */
final class ObservabilityGuide {
    private ObservabilityGuide() {
    }

    /** What the admin example asks for the configuration's version: a configuration module of yours. */
    interface CurrentConfig {
        String version();
    }

    static GatewayFilter metrics(Pipeline pipeline) {
        // tag::metrics[]
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        GatewayMetrics metrics = GatewayMetrics.builder(registry)
            .serviceLevelObjectives(Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(1))  // optional
            .build();
        JwtIssuer issuer = JwtIssuer.builder("https://sso.example.com/realms/shop")
            .jwksUri(URI.create("https://sso.example.com/realms/shop/protocol/openid-connect/certs"))
            .listener(metrics.identityProviders())                      // JWKS fetches: count, outcome, latency
            .build();
        GatewayFilter filter = GatewayFilter.builder().pipeline(pipeline).listener(metrics).build();
        metrics.bindTo(filter.gateway());                               // rate-limit counters, upstream pool gauges
        // end::metrics[]
        return filter;
    }

    static AdminServlet admin(GatewayFilter filter, CurrentConfig currentConfig, AtomicBoolean draining,
            PrometheusMeterRegistry registry, Server server, ServletContextHandler appContext) {
        // tag::admin[]
        AdminServlet admin = AdminServlet.builder(filter.gateway())
            .allowFrom("127.0.0.1/32", "10.0.0.0/8")                  // socket peers that may ask (never X-Forwarded-For)
            .bearerToken(System.getenv("PORTCULLIS_ADMIN_TOKEN"))     // and/or a token: Authorization: Bearer <token>
            .configVersion(() -> currentConfig.version())             // asked per request; a config module sets it
            .instanceStates((route, instance) -> "configured")        // the seam a health checker fills
            .readiness(() -> !draining.get())
            .endpoint("metrics", "text/plain; version=0.0.4; charset=utf-8", registry::scrape)
            .build();
        // Jetty 12: a context of its own, so the gateway filter on "/" never runs in front of it
        ServletContextHandler adminContext = new ServletContextHandler();
        adminContext.setContextPath("/admin");
        adminContext.addServlet(new ServletHolder(admin), "/*");
        server.setHandler(new ContextHandlerCollection(appContext, adminContext));
        // Tomcat 11: Context admin = tomcat.addContext("/admin", baseDir);
        //            Tomcat.addServlet(admin, "admin", adminServlet); admin.addServletMappingDecoded("/*", "admin");
        // end::admin[]
        return admin;
    }

    static GatewayFilter accessLog(Pipeline pipeline) {
        // tag::access-log[]
        GatewayFilter filter = GatewayFilter.builder().pipeline(pipeline)
            .trustedProxies("10.0.0.0/8")
            .accessLog(AccessLog.builder().build())          // text lines, every exchange, no query, no subject
            .build();                                        // destroy() (or gateway.close()) closes the access log
        // end::access-log[]
        return filter;
    }

    static void sampling() {
        // tag::sampling[]
        Route.builder("health").path("/health").upstream("http://10.0.0.5:8080")
            .metadata(AccessLogSampling.ROUTE, AccessLogSampling.off())          // load-balancer probes: never
            .build();
        Route.builder("payments").path("/payments/**").upstream("http://10.0.0.7:8080")
            .metadata(AccessLogSampling.ROUTE, AccessLogSampling.all())          // everything, whatever the default
            .build();
        AccessLog.builder().sampling(AccessLogSampling.rate(0.1)).build();       // 10 % of the other routes' successes
        // end::sampling[]
    }

    static GatewayFilter traceContext(Pipeline pipeline) {
        // tag::trace-context[]
        GatewayFilter filter = GatewayFilter.builder().pipeline(pipeline)
            .trustedProxies("10.0.0.0/8")                                      // the ingress in front of us
            .traceContext(TracePolicy.trust().withSampleRate(0.1))
            .build();
        // end::trace-context[]
        return filter;
    }
}
