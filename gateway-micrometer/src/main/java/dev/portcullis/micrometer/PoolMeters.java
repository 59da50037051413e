package dev.portcullis.micrometer;

import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.api.routing.Upstream;
import dev.portcullis.core.Gateway;
import dev.portcullis.core.client.ConnectionPoolFigures;
import dev.portcullis.core.client.UpstreamClient;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * Gauges of the upstream client's connection pool for every destination (scheme, host and port) the gateway's routes
 * name, when the client can observe its pool ({@link UpstreamClient#connectionPool(URI)}): connections by state, the
 * limit, requests queued. Read at scrape time.
 */
final class PoolMeters {
    private PoolMeters() {
    }

    static void bind(MeterRegistry registry, Gateway gateway) {
        UpstreamClient client = gateway.upstreamClient();
        Set<URI> destinations = new LinkedHashSet<>();
        for (Route route : Routing.routes(gateway.pipeline())) {
            for (Upstream instance : route.upstreams().instances()) {
                destinations.add(URI.create(instance.uri().getScheme() + "://" + instance.authority()));
            }
        }
        for (URI destination : destinations) {
            if (client.connectionPool(destination).isPresent()) {
                gauge(registry, client, destination, GatewayMetrics.UPSTREAM_CONNECTIONS, "active",
                        ConnectionPoolFigures::active);
                gauge(registry, client, destination, GatewayMetrics.UPSTREAM_CONNECTIONS, "idle",
                        ConnectionPoolFigures::idle);
                gauge(registry, client, destination, GatewayMetrics.UPSTREAM_CONNECTIONS, "pending",
                        ConnectionPoolFigures::pending);
                gauge(registry, client, destination, GatewayMetrics.UPSTREAM_CONNECTIONS_MAX, null,
                        ConnectionPoolFigures::max);
                gauge(registry, client, destination, GatewayMetrics.UPSTREAM_QUEUED, null,
                        ConnectionPoolFigures::queued);
            }
        }
    }

    private static void gauge(MeterRegistry registry, UpstreamClient client, URI destination, String name,
                              String state, ToIntFunction<ConnectionPoolFigures> figure) {
        Gauge.Builder<UpstreamClient> gauge = Gauge.builder(name, client, c -> c.connectionPool(destination)
                        .map(figures -> (double) figure.applyAsInt(figures)).orElse(Double.NaN))
                .description(name.equals(GatewayMetrics.UPSTREAM_CONNECTIONS) ? "Upstream connections by state"
                        : name.equals(GatewayMetrics.UPSTREAM_QUEUED) ? "Upstream requests waiting for a connection"
                        : "The most upstream connections the client opens to the destination")
                .tag("destination", destination.toString());
        if (state != null) {
            gauge.tag("state", state);
        }
        gauge.register(registry);
    }
}
