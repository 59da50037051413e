package dev.portcullis.core.internal.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.portcullis.api.ExchangeListener;
import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.HttpHeaders;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteMatch;
import dev.portcullis.core.client.Subscriptions;
import dev.portcullis.core.client.UpstreamClient;
import dev.portcullis.core.client.UpstreamRequest;
import dev.portcullis.core.client.UpstreamResponse;
import dev.portcullis.core.internal.net.TrustedProxies;
import dev.portcullis.core.testing.IdleBody;
import dev.portcullis.core.testing.TestRequests;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The abort path when the client goes away just as the upstream's response headers have arrived. */
class ReverseProxyAbortTest {

    private final AtomicInteger cancellations = new AtomicInteger();
    private final IdleBody connection = new IdleBody(cancellations, -1);
    private final UpstreamClient headersAlreadyArrived = new UpstreamClient() {
        @Override
        public CompletableFuture<UpstreamResponse> exchange(UpstreamRequest request) {
            return CompletableFuture.completedFuture(new UpstreamResponse(200, HttpHeaders.empty(), connection));
        }

        @Override
        public void close() {
        }
    };

    private GatewayResponse forwardCapturingAbort(AtomicReference<Runnable> abort) {
        ReverseProxy proxy = new ReverseProxy(headersAlreadyArrived, TrustedProxies.of(List.of()),
                new ProxyRules("portcullis", "X-Request-Id", false, false, 7 * 1024),
                ExchangeListener.NONE);
        Route route = Route.builder("api").path("/api/**").upstream("http://127.0.0.1:9").build();
        return proxy.forward(TestRequests.request("GET", "/api/x").build(), new RouteMatch(route, "/api/x", Map.of()),
                ProxyExchanges.aborting(abort::set)).toCompletableFuture().join();
    }

    @Test
    void anAbortAfterTheHeadersArrivedCancelsTheUnreadBodySoTheConnectionIsReleased() {
        AtomicReference<Runnable> abort = new AtomicReference<>();
        GatewayResponse response = forwardCapturingAbort(abort);
        abort.get().run();
        assertEquals(1, connection.subscriptions.get());
        assertEquals(1, cancellations.get());
        Subscriptions.cancel(response.body());
        assertEquals(1, connection.subscriptions.get(), "the upstream body was subscribed twice");
    }

    @Test
    void aReaderThatComesAfterTheAbortIsToldTheBodyIsGone() {
        AtomicReference<Runnable> abort = new AtomicReference<>();
        GatewayResponse response = forwardCapturingAbort(abort);
        abort.get().run();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        response.body().subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(1);
            }

            @Override
            public void onNext(ByteBuffer item) {
            }

            @Override
            public void onError(Throwable error) {
                failure.set(error);
            }

            @Override
            public void onComplete() {
            }
        });
        assertInstanceOf(java.util.concurrent.CancellationException.class, failure.get());
        assertEquals(1, connection.subscriptions.get());
    }

    @Test
    void aBodyReadBeforeTheAbortIsNotSubscribedAgainByIt() {
        AtomicReference<Runnable> abort = new AtomicReference<>();
        GatewayResponse response = forwardCapturingAbort(abort);
        Subscriptions.cancel(response.body());
        abort.get().run();
        assertEquals(1, connection.subscriptions.get());
    }
}
