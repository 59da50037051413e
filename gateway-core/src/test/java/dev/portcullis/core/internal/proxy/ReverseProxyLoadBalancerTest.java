package dev.portcullis.core.internal.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.Body;
import dev.portcullis.api.ExchangeListener;
import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.HttpHeaders;
import dev.portcullis.api.Problem;
import dev.portcullis.api.ProblemException;
import dev.portcullis.api.ProblemTypes;
import dev.portcullis.api.routing.LoadBalancer;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteMatch;
import dev.portcullis.api.routing.Upstream;
import dev.portcullis.core.client.UpstreamClient;
import dev.portcullis.core.client.UpstreamRequest;
import dev.portcullis.core.client.UpstreamResponse;
import dev.portcullis.core.internal.net.TrustedProxies;
import dev.portcullis.core.testing.TestRequests;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The proxy asks the route's load balancer, with the request, and refuses to act on a faulty answer. */
class ReverseProxyLoadBalancerTest {
    private final List<UpstreamRequest> sent = new ArrayList<>();
    private final ReverseProxy proxy = new ReverseProxy(new UpstreamClient() {
        @Override
        public CompletableFuture<UpstreamResponse> exchange(UpstreamRequest request) {
            sent.add(request);
            return CompletableFuture.completedFuture(new UpstreamResponse(200, HttpHeaders.empty(), Body.empty()));
        }

        @Override
        public void close() {
        }
    }, TrustedProxies.of(List.of()), new ProxyRules("portcullis", "X-Request-Id", false, false, 7 * 1024),
                ExchangeListener.NONE);

    private CompletableFuture<GatewayResponse> forward(LoadBalancer.Factory balancer, GatewayRequest request) {
        Route route = Route.builder("api").path("/api/**")
                .upstream("http://127.0.0.1:9001").upstream("http://127.0.0.1:9002")
                .loadBalancer(balancer).build();
        return proxy.forward(request, new RouteMatch(route, "/api/x", Map.of()), ProxyExchanges.aborting(abort -> { }))
                .toCompletableFuture();
    }

    @Test
    void theBalancerGetsTheForwardedRequestAndItsChoiceIsWhereTheRequestGoes() {
        AtomicReference<GatewayRequest> seen = new AtomicReference<>();
        GatewayRequest request = TestRequests.request("GET", "/api/x").build();

        GatewayResponse response = forward(instances -> r -> {
            seen.set(r);
            return instances.get(1);
        }, request).join();

        assertEquals(200, response.status());
        assertSame(request, seen.get());
        assertEquals("http://127.0.0.1:9002/api/x", sent.get(0).uri().toString());
    }

    @Test
    void aBalancerThatThrowsFailsTheExchangeNamingTheRouteAndSendsNothing() {
        CompletableFuture<GatewayResponse> outcome = forward(instances -> r -> {
            throw new IndexOutOfBoundsException("no such instance");
        }, TestRequests.request("GET", "/api/x").build());

        IllegalStateException failure = assertInstanceOf(IllegalStateException.class,
                assertThrows(CompletionException.class, outcome::join).getCause());
        assertEquals("route api: the load balancer failed: no such instance", failure.getMessage());
        assertInstanceOf(IndexOutOfBoundsException.class, failure.getCause());
        assertTrue(sent.isEmpty());
    }

    @Test
    void aBalancerThatChoosesOutsideItsGroupFailsTheExchangeAndSendsNothing() {
        CompletableFuture<GatewayResponse> outcome = forward(instances -> r -> Upstream.of("http://169.254.169.254"),
                TestRequests.request("GET", "/api/x").build());

        IllegalStateException failure = assertInstanceOf(IllegalStateException.class,
                assertThrows(CompletionException.class, outcome::join).getCause());
        assertTrue(failure.getMessage().startsWith("route api: the load balancer failed: "),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("which is not one of its instances"), failure.getMessage());
        assertTrue(sent.isEmpty());
    }

    @Test
    void aProblemTheBalancerThrowsIsTheAnswer() {
        ProblemException unavailable = new ProblemException(
                Problem.builder(ProblemTypes.UPSTREAM_UNAVAILABLE, 503, "Service Unavailable").build());
        CompletableFuture<GatewayResponse> outcome = forward(instances -> r -> {
            throw unavailable;
        }, TestRequests.request("GET", "/api/x").build());

        assertSame(unavailable, assertThrows(CompletionException.class, outcome::join).getCause());
        assertTrue(sent.isEmpty());
    }
}
