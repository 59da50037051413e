package dev.portcullis.examples.config;

import dev.portcullis.api.Pipeline;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.client.jetty.JettyUpstreamClient;
import dev.portcullis.core.Gateway;
import dev.portcullis.core.guard.GuardPolicy;
import dev.portcullis.core.guard.RequestGuards;
import java.time.Duration;

/**
 * The Java DSL twin of {@code src/main/config/plain-proxy.yaml}: the same gateway built in code. A test proves
 * both build the same pipeline and decide a corpus of requests alike.
 *
 * <pre>{@code
 * Gateway gateway = PlainProxyTwin.gateway().build();
 * }</pre>
 */
public final class PlainProxyTwin {
    private PlainProxyTwin() {
    }

    /** @return the pipeline of the file */
    public static Pipeline pipeline() {
        RouteTable routes = RouteTable.of(
                Route.builder("users").path("/api/users/**").stripPrefix(1)
                        .upstream("http://127.0.0.1:9001").upstream("http://127.0.0.1:9002", 3)
                        .connectTimeout(Duration.ofMillis(500)).responseTimeout(Duration.ofSeconds(10))
                        .build(),
                Route.builder("api").path("/api/**").upstream("http://127.0.0.1:9001").build());
        return Pipeline.builder()
                .add(Routing.interceptor(routes))
                .add(RequestGuards.interceptor(GuardPolicy.defaults()))
                .build();
    }

    /** @return a gateway builder with the file's pipeline, settings and client (close the client after the gateway) */
    public static Gateway.Builder gateway() {
        return Gateway.builder().pipeline(pipeline())
                .trustedProxies("10.0.0.0/8")
                .upstreamClient(JettyUpstreamClient.builder().maxConnectionsPerDestination(256).build());
    }
}
