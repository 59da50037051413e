package dev.portcullis.examples.docs;

import dev.portcullis.api.Pipeline;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.client.jetty.JettyUpstreamClient;
import dev.portcullis.core.client.JdkUpstreamClient;
import dev.portcullis.core.client.UpstreamClient;
import dev.portcullis.core.client.UpstreamTls;
import dev.portcullis.servlet.GatewayFilter;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.jetty.server.Server;

/** The fragments of docs/proxy.md, compiled; {@code GuidesBuildTest} builds the ones that read no file. */
final class ProxyGuide {
    private ProxyGuide() {
    }

    static GatewayFilter filter() {
        // tag::filter[]
        RouteTable routes = RouteTable.of(
            Route.builder("users").path("/api/users/**").stripPrefix(1)
                .upstream("http://10.0.0.5:8080").upstream("http://10.0.0.6:8080")
                .connectTimeout(Duration.ofSeconds(2)).responseTimeout(Duration.ofSeconds(10))
                .build());
        GatewayFilter gateway = GatewayFilter.builder()
            .pipeline(Pipeline.builder().add(Routing.interceptor(routes)).build())
            .trustedProxies("10.0.0.0/8", "::1/128")     // default: trust nobody
            .build();
        // end::filter[]
        return gateway;
    }

    static GatewayFilter jettyClient(Server server, RouteTable routes) {
        // tag::jetty-client[]
        JettyUpstreamClient client = JettyUpstreamClient.builder()
                .maxConnectionsPerDestination(256)      // default 256
                .maxRequestsQueuedPerDestination(1024)  // default 1024; beyond it: 503 overloaded, never 502
                .idleTimeout(Duration.ofSeconds(60))    // silence allowed between bytes, default 60 s
                .executor(server.getThreadPool())       // optional: share the embedding Jetty server's pool (recommended)
                .build();
        GatewayFilter filter = GatewayFilter.builder()
            .pipeline(Pipeline.builder().add(Routing.interceptor(routes)).build())
            .upstreamClient(client)                     // closed by you, not by destroy()
            .build();
        // end::jetty-client[]
        return filter;
    }

    static GatewayFilter trustStore(RouteTable routes) {
        // tag::trust-store[]
        char[] password = System.getenv("UPSTREAM_CA_PASSWORD").toCharArray();   // never in code or on a command line
        UpstreamTls tls = UpstreamTls.builder()
                .trustStore(Path.of("/etc/portcullis/upstream-ca.p12"), password) // PEM: .trustStore(path, null)
                .build();
        JettyUpstreamClient client = JettyUpstreamClient.builder().tls(tls).build();   // or JdkUpstreamClient.builder()
        GatewayFilter filter = GatewayFilter.builder()
                .pipeline(Pipeline.builder().add(Routing.interceptor(routes)).build())
                .upstreamClient(client)                                            // closed by you, after the filter
                .build();
        // end::trust-store[]
        return filter;
    }

    static UpstreamClient mutualTls(char[] password) {
        // tag::mtls[]
        UpstreamTls mtls = UpstreamTls.builder()
                .trustStore(Path.of("/etc/portcullis/upstream-ca.pem"), null)
                .clientCertificate(Path.of("/etc/portcullis/gateway.p12"), password)
                // or: .clientCertificatePem(Path.of("/etc/portcullis/gateway.key"), Path.of("/etc/portcullis/gateway.pem"))
                .build();
        UpstreamClient client = JdkUpstreamClient.builder().tls(mtls).build();
        // end::mtls[]
        return client;
    }
}
