package dev.portcullis.examples.demo;

import dev.portcullis.micrometer.GatewayMetrics;
import dev.portcullis.servlet.GatewayFilter;
import dev.portcullis.servlet.admin.AdminServlet;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Objects;

/**
 * The example apps' gateway with its metrics and admin view: the {@link DemoGateway} filter reporting to Micrometer's
 * Prometheus registry, and an {@link AdminServlet} to mount on {@value #ADMIN_PATH}, in a context of its own (so
 * the gateway's rate limit and tenant rule never apply to it), answering loopback callers only. Its endpoints:
 * {@code /admin/} (routes, stages, instances), {@code /admin/live}, {@code /admin/ready} and {@code /admin/metrics}
 * (the Prometheus scrape).
 *
 * <pre>{@code
 * DemoMonitoring monitoring = DemoMonitoring.of("http://127.0.0.1:9000");
 * monitoring.filter().register(rootContext);
 * adminContext.addServlet(new ServletHolder(monitoring.admin()), "/*");     // adminContext on /admin
 * }</pre>
 */
public final class DemoMonitoring {
    /** Where the examples mount the admin view. */
    public static final String ADMIN_PATH = "/admin";
    /** The media type of a Prometheus scrape in the text format. */
    public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final GatewayFilter filter;
    private final AdminServlet admin;

    private DemoMonitoring(GatewayFilter filter, AdminServlet admin) {
        this.filter = filter;
        this.admin = admin;
    }

    /**
     * @param upstreamBaseUri the demo upstream
     * @return the filter, reporting to a new Prometheus registry, and the admin view serving its scrape
     */
    public static DemoMonitoring of(String upstreamBaseUri) {
        Objects.requireNonNull(upstreamBaseUri, "upstreamBaseUri");
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        GatewayMetrics metrics = GatewayMetrics.builder(registry).build();
        GatewayFilter filter = GatewayFilter.builder()
                .pipeline(DemoGateway.pipeline(DemoGateway.routes(upstreamBaseUri)))
                .listener(metrics)
                .build();
        metrics.bindTo(filter.gateway());
        AdminServlet admin = AdminServlet.builder(filter.gateway())
                .allowFrom("127.0.0.0/8", "::1/128")
                .configVersion(() -> "demo-1")
                .endpoint("metrics", PROMETHEUS_TEXT, registry::scrape)
                .build();
        return new DemoMonitoring(filter, admin);
    }

    /** @return the gateway filter; mount it on {@code /*} of the application's context */
    public GatewayFilter filter() {
        return filter;
    }

    /** @return the admin view; mount it on {@code /*} of a context at {@value #ADMIN_PATH} */
    public AdminServlet admin() {
        return admin;
    }
}
