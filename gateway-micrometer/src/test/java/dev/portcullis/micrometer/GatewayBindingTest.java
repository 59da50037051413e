package dev.portcullis.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.portcullis.api.Body;
import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.HttpHeaders;
import dev.portcullis.api.Pipeline;
import dev.portcullis.api.ratelimit.FailureMode;
import dev.portcullis.api.ratelimit.RateLimitDecision;
import dev.portcullis.api.ratelimit.RateLimitQuota;
import dev.portcullis.api.ratelimit.RateLimiter;
import dev.portcullis.api.ratelimit.RateLimiting;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.core.Exchange;
import dev.portcullis.core.Gateway;
import dev.portcullis.core.IncomingRequest;
import dev.portcullis.core.client.ConnectionPoolFigures;
import dev.portcullis.core.client.UpstreamClient;
import dev.portcullis.core.client.UpstreamRequest;
import dev.portcullis.core.client.UpstreamResponse;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** {@link GatewayMetrics#bindTo} on a real in-memory {@link Gateway}: its rate-limit stages and its client's pools. */
class GatewayBindingTest {
    private static final RateLimitQuota QUOTA = new RateLimitQuota("burst", 10, Duration.ofSeconds(1));
    private static final RateLimiter BY_HEADER = request -> CompletableFuture.completedFuture(
            switch (request.headers().first("X-Decision").orElse("allow")) {
                case "limit" -> RateLimitDecision.limited(List.of(QUOTA), QUOTA, Duration.ofSeconds(1));
                case "open" -> RateLimitDecision.storeUnavailable(FailureMode.FAIL_OPEN, Duration.ZERO, "down");
                case "closed" -> RateLimitDecision.storeUnavailable(FailureMode.FAIL_CLOSED, Duration.ofSeconds(1),
                        "down");
                default -> RateLimitDecision.allowed(List.of(QUOTA), QUOTA, 9, Duration.ofSeconds(1));
            });

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final FakeClient client = new FakeClient();

    private Gateway gateway(GatewayMetrics metrics) {
        RouteTable routes = RouteTable.of(
                Route.builder("a").path("/a/**").upstream("http://10.0.0.5:8080/v1").upstream("http://10.0.0.6").build(),
                Route.builder("b").path("/b/**").upstream("http://10.0.0.5:8080/v2").build());
        return Gateway.builder()
                .pipeline(Pipeline.builder()
                        .add(Routing.interceptor(routes))
                        .add(RateLimiting.builder(BY_HEADER).name("PerIp").build())
                        .add(RateLimiting.builder(request -> CompletableFuture.completedFuture(
                                RateLimitDecision.allowed(List.of(QUOTA), QUOTA, 1, Duration.ZERO)))
                                .name("PerIp").build())
                        .build())
                .upstreamClient(client)
                .listener(metrics)
                .build();
    }

    private static void send(Gateway gateway, String decision) {
        Exchange exchange = gateway.open(IncomingRequest.builder().method("GET").rawPath("/a/x").protocol("HTTP/1.1")
                .scheme("http").serverName("gw").serverPort(80).peerAddress("127.0.0.1")
                .headers(HttpHeaders.builder().add("X-Decision", decision).build()).contentLength(0).build());
        GatewayResponse response = exchange.run().join();
        exchange.end(response.status(), 0);
    }

    private double count(String name, String... tags) {
        return registry.find(name).tags(tags).functionCounter().count();
    }

    @Test
    void theRateLimitCountersOfStagesSharingANameAreSummedPerDecisionAndStoreFailureMode() {
        GatewayMetrics metrics = GatewayMetrics.builder(registry).build();
        Gateway gateway = gateway(metrics);
        metrics.bindTo(gateway);
        for (String decision : List.of("allow", "allow", "limit", "open", "closed", "closed")) {
            send(gateway, decision);
        }

        assertEquals(2 + 3, count(GatewayMetrics.RATE_LIMIT_DECISIONS, "stage", "PerIp", "decision", "allowed"),
                "two allowed by the first stage, three by the second, which the open failure reached too");
        assertEquals(1, count(GatewayMetrics.RATE_LIMIT_DECISIONS, "stage", "PerIp", "decision", "limited"));
        assertEquals(1, count(GatewayMetrics.RATE_LIMIT_STORE_FAILURES, "stage", "PerIp", "mode", "fail-open"));
        assertEquals(2, count(GatewayMetrics.RATE_LIMIT_STORE_FAILURES, "stage", "PerIp", "mode", "fail-closed"));
    }

    @Test
    void thePoolGaugesReadTheClientsFiguresPerDestinationAtEachScrape() {
        GatewayMetrics.builder(registry).build().bindTo(gateway(GatewayMetrics.builder(registry).build()));
        client.figures.put("http://10.0.0.5:8080", new ConnectionPoolFigures(3, 2, 1, 64, 7));

        assertEquals(3, gauge(GatewayMetrics.UPSTREAM_CONNECTIONS, "http://10.0.0.5:8080", "state", "active"));
        assertEquals(2, gauge(GatewayMetrics.UPSTREAM_CONNECTIONS, "http://10.0.0.5:8080", "state", "idle"));
        assertEquals(1, gauge(GatewayMetrics.UPSTREAM_CONNECTIONS, "http://10.0.0.5:8080", "state", "pending"));
        assertEquals(64, gauge(GatewayMetrics.UPSTREAM_CONNECTIONS_MAX, "http://10.0.0.5:8080"));
        assertEquals(7, gauge(GatewayMetrics.UPSTREAM_QUEUED, "http://10.0.0.5:8080"));
        assertEquals(0, gauge(GatewayMetrics.UPSTREAM_CONNECTIONS, "http://10.0.0.6:80", "state", "active"));
        assertEquals(2, registry.find(GatewayMetrics.UPSTREAM_CONNECTIONS_MAX).gauges().size(),
                "one destination for both base paths on 10.0.0.5:8080, one for 10.0.0.6");

        client.figures.put("http://10.0.0.5:8080", new ConnectionPoolFigures(0, 5, 0, 64, 0));
        assertEquals(5, gauge(GatewayMetrics.UPSTREAM_CONNECTIONS, "http://10.0.0.5:8080", "state", "idle"));
    }

    @Test
    void aClientThatCannotObserveItsPoolGetsNoPoolGauges() {
        client.observes = false;
        GatewayMetrics.builder(registry).build().bindTo(gateway(GatewayMetrics.builder(registry).build()));

        assertNull(registry.find(GatewayMetrics.UPSTREAM_CONNECTIONS).gauge());
    }

    private double gauge(String name, String destination, String... tags) {
        return registry.find(name).tag("destination", destination).tags(tags).gauge().value();
    }

    /** Answers at once; reports the figures a test puts in, by destination. */
    private static final class FakeClient implements UpstreamClient {
        final Map<String, ConnectionPoolFigures> figures = new ConcurrentHashMap<>();
        volatile boolean observes = true;

        @Override
        public CompletableFuture<UpstreamResponse> exchange(UpstreamRequest request) {
            return CompletableFuture.completedFuture(new UpstreamResponse(200, HttpHeaders.empty(), Body.empty()));
        }

        @Override
        public Optional<ConnectionPoolFigures> connectionPool(URI instance) {
            return observes ? Optional.of(figures.getOrDefault(instance.toString(), ConnectionPoolFigures.empty(64)))
                    : Optional.empty();
        }

        @Override
        public void close() {
        }
    }
}
