package dev.portcullis.core;

import static dev.portcullis.core.GatewayReloadTest.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.Body;
import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.HttpHeaders;
import dev.portcullis.api.Pipeline;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.core.client.UpstreamClient;
import dev.portcullis.core.client.UpstreamRequest;
import dev.portcullis.core.client.UpstreamResponse;
import dev.portcullis.core.resilience.OutlierEjection;
import dev.portcullis.core.resilience.Resilience;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Whether an upstream group's resilience state (here: an ejection of an hour, so no clock runs out during the test)
 * survives a reload: it does when the reloaded route has the same id, instances and settings, and not otherwise.
 */
class GatewayReloadHealthTest {
    /** Answers 503 from {@code bad.test}, 200 from any other host, and counts the requests per host. */
    private final Map<String, AtomicInteger> sent = new ConcurrentHashMap<>();
    private final UpstreamClient client = new UpstreamClient() {
        @Override
        public CompletableFuture<UpstreamResponse> exchange(UpstreamRequest request) {
            String host = request.uri().getHost();
            sent.computeIfAbsent(host, h -> new AtomicInteger()).incrementAndGet();
            return CompletableFuture.completedFuture(new UpstreamResponse(host.equals("bad.test") ? 503 : 200,
                    HttpHeaders.empty(), Body.empty()));
        }

        @Override
        public void close() {
        }
    };

    /** @return settings built afresh, as a configuration loader builds them on every load */
    private Gateway.Builder config(String... instances) {
        Resilience resilience = Resilience.builder().outlierEjection(OutlierEjection.builder().consecutiveFailures(1)
                .countServerErrors(true).baseEjectionTime(Duration.ofHours(1)).maxEjectionTime(Duration.ofHours(1))
                .build()).build();
        Route.Builder route = Route.builder("api").path("/api/**").metadata(Resilience.KEY, resilience);
        for (String instance : instances) {
            route.upstream(instance);
        }
        return Gateway.builder().upstreamClient(client)
                .pipeline(Pipeline.builder().add(Routing.interceptor(RouteTable.of(route.build()))).build());
    }

    private void send(Gateway gateway, int requests) throws Exception {
        for (int i = 0; i < requests; i++) {
            Exchange exchange = gateway.open(get("/api/x"));
            GatewayResponse response = exchange.run().get(10, TimeUnit.SECONDS);
            exchange.end(response.status(), 0);
        }
    }

    private int sentTo(String host) {
        return sent.getOrDefault(host, new AtomicInteger()).get();
    }

    /** @return a gateway whose {@code bad.test} instance has been ejected (for an hour) */
    private Gateway withBadEjected() throws Exception {
        Gateway gateway = config("http://bad.test", "http://good.test").build();
        send(gateway, 4);
        assertEquals(1, sentTo("bad.test"), "the first 503 ejects the bad instance");
        return gateway;
    }

    @Test
    void anInstanceEjectedBeforeAReloadThatKeepsItsGroupStaysEjectedAndGetsNoRequest() throws Exception {
        Gateway gateway = withBadEjected();

        gateway.reload(config("http://bad.test", "http://good.test")).toCompletableFuture().get(10, TimeUnit.SECONDS);
        send(gateway, 6);

        assertEquals(1, sentTo("bad.test"), "the ejection was forgotten by the reload");
        assertEquals(9, sentTo("good.test"));
        gateway.close();
    }

    @Test
    void aReloadThatChangesTheGroupsInstancesStartsItWithAFreshState() throws Exception {
        Gateway gateway = withBadEjected();

        gateway.reload(config("http://bad.test", "http://good.test", "http://other.test"))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        send(gateway, 3);

        assertEquals(2, sentTo("bad.test"), "the changed group's instances all serve again");
        assertTrue(sentTo("other.test") >= 1);
        gateway.close();
    }
}
