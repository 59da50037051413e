package dev.portcullis.ratelimit;

import dev.portcullis.api.Body;
import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.Handler;
import dev.portcullis.api.Interceptor;
import dev.portcullis.api.Pipeline;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteMatch;
import dev.portcullis.api.routing.Routing;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Test helpers: requests, a terminal handler that counts upstream calls, a fake nano clock. */
final class Exchanges {
    private static final AtomicLong IDS = new AtomicLong();

    private Exchanges() {
    }

    static GatewayRequest.Builder request(String method, String path, String clientIp) {
        try {
            return GatewayRequest.builder().id("req-" + IDS.incrementAndGet()).method(method).authority("gw.test")
                    .rawPath(path).clientAddress(InetAddress.getByName(clientIp));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(clientIp, e);
        }
    }

    static GatewayRequest get(String clientIp) {
        return request("GET", "/api/items", clientIp).build();
    }

    static GatewayRequest routed(GatewayRequest request, Route route) {
        return request.withAttribute(Routing.MATCH, new RouteMatch(route, request.rawPath(), Map.of()));
    }

    static Route route(String id) {
        return Route.builder(id).path("/**").upstream("http://127.0.0.1:9").build();
    }

    /** A terminal handler standing for the upstream: answers 200 and counts how often it was called. */
    static final class CountingUpstream implements Handler {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public CompletableFuture<GatewayResponse> handle(GatewayRequest request) {
            calls.incrementAndGet();
            return CompletableFuture.completedFuture(GatewayResponse.builder(200).body(Body.of("ok")).build());
        }
    }

    /** A settable monotonic clock in nanoseconds. */
    static final class FakeNanoClock implements java.util.function.LongSupplier {
        private final AtomicLong now = new AtomicLong(1_000_000_000L);

        @Override
        public long getAsLong() {
            return now.get();
        }

        void advanceMillis(long millis) {
            now.addAndGet(millis * 1_000_000L);
        }
    }

    static GatewayResponse run(Interceptor interceptor, GatewayRequest request, Handler upstream) {
        return Pipeline.builder().add(interceptor).build().execute(request, upstream).toCompletableFuture().join();
    }
}
