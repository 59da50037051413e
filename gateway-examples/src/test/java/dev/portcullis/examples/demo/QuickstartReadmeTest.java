package dev.portcullis.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.Interceptor;
import dev.portcullis.api.Pipeline;
import dev.portcullis.api.ratelimit.RateLimiting;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.core.guard.GuardPolicy;
import dev.portcullis.core.guard.RequestGuards;
import dev.portcullis.ratelimit.Limit;
import dev.portcullis.ratelimit.LocalBucketStore;
import dev.portcullis.ratelimit.PolicyRateLimiter;
import dev.portcullis.ratelimit.RateLimitPolicy;
import dev.portcullis.servlet.GatewayFilter;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The Java snippets of the quick start in README.md, as written there, so the README cannot rot. */
class QuickstartReadmeTest {

    @Test
    void theQuickStartPipelineHasItsStagesInTheOrderAdded() {
        RouteTable routes = RouteTable.of(Route.builder("orders")
                .path("/api/orders/**").stripPrefix(1)
                .upstream("http://10.0.0.5:8080")
                .build());
        RateLimitPolicy perIp = RateLimitPolicy.builder("per-ip")
                .limit(Limit.greedy("burst", 20, Duration.ofSeconds(1)))
                .build();
        Pipeline pipeline = Pipeline.builder()
                .add(Routing.interceptor(routes))
                .add(RequestGuards.interceptor(GuardPolicy.defaults()))
                .add(RateLimiting.interceptor(PolicyRateLimiter.builder(LocalBucketStore.builder().build())
                        .defaultPolicy(perIp).build()))
                .build();
        GatewayFilter gateway = GatewayFilter.builder().pipeline(pipeline).build();
        gateway.destroy();

        assertEquals("Routing -> RequestGuards -> RateLimiting", pipeline.describe());
    }

    @Test
    void theTimingInterceptorStampsGatewayMadeResponsesButNotOnesForTheApplication() throws Exception {
        Interceptor timing = Interceptor.named("Timing", chain -> {
            long start = System.nanoTime();
            return chain.proceed(chain.request()).thenApply(response -> response.passesToApplication()
                    ? response
                    : response.withHeader("Server-Timing", "gw;dur=" + (System.nanoTime() - start) / 1_000_000.0));
        });
        Pipeline pipeline = Pipeline.builder().add(timing).build();
        GatewayRequest request = GatewayRequest.builder().id("r").method("GET").authority("gw")
                .rawPath("/x").clientAddress(InetAddress.getLoopbackAddress()).build();

        GatewayResponse proxied = pipeline.execute(request,
                r -> CompletableFuture.completedFuture(GatewayResponse.builder(200).build()))
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
        GatewayResponse toApp = pipeline.execute(request,
                r -> CompletableFuture.completedFuture(GatewayResponse.passToApplication()))
                .toCompletableFuture().get(5, TimeUnit.SECONDS);

        assertTrue(proxied.headers().first("Server-Timing").orElseThrow().startsWith("gw;dur="));
        assertTrue(toApp.headers().first("Server-Timing").isEmpty());
    }
}
