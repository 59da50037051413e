package dev.portcullis.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.ExchangeEvent;
import dev.portcullis.api.Pipeline;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.core.logging.RequestMdc;
import dev.portcullis.core.testing.FixedUpstreamClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * The request's MDC entries: in place while a thread works on the exchange, the upstream client's callback thread
 * included, and gone (or put back) when it stops.
 */
class ExchangeMdcTest {
    private final ExecutorService clientThread = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        clientThread.shutdownNow();
        MDC.clear();
    }

    private static Map<String, String> ids() {
        Map<String, String> ids = new HashMap<>();
        for (String key : List.of(RequestMdc.REQUEST_ID, RequestMdc.TRACE_ID, RequestMdc.ROUTE_ID)) {
            if (MDC.get(key) != null) {
                ids.put(key, MDC.get(key));
            }
        }
        return ids;
    }

    @Test
    void aScopePutsTheIdsAndClosingItRemovesThemLeavingOtherEntriesAlone() {
        MDC.put("user", "kept");

        try (RequestMdc.Scope scope = ExchangeMdc.open("req-1", "trace-1", null)) {
            assertEquals(Map.of(RequestMdc.REQUEST_ID, "req-1", RequestMdc.TRACE_ID, "trace-1"), ids());
        }

        assertEquals(Map.of(), ids());
        assertEquals("kept", MDC.get("user"));
    }

    @Test
    void aNestedScopeOfTheSameExchangeAddsTheRouteAndLeavesTheCleaningToTheOuterOne() {
        try (RequestMdc.Scope outer = ExchangeMdc.open("req-1", null, null)) {
            try (RequestMdc.Scope inner = ExchangeMdc.open("req-1", null, "api")) {
                assertEquals("api", MDC.get(RequestMdc.ROUTE_ID));
            }
            assertEquals(Map.of(RequestMdc.REQUEST_ID, "req-1", RequestMdc.ROUTE_ID, "api"), ids());
        }
        assertEquals(Map.of(), ids());
    }

    @Test
    void anotherExchangesScopeInsideOnePutsTheFirstOnesEntriesBack() {
        try (RequestMdc.Scope outer = ExchangeMdc.open("req-1", "trace-1", "api")) {
            try (RequestMdc.Scope inner = ExchangeMdc.open("req-2", null, null)) {
                assertEquals(Map.of(RequestMdc.REQUEST_ID, "req-2"), ids());
            }
            assertEquals(Map.of(RequestMdc.REQUEST_ID, "req-1", RequestMdc.TRACE_ID, "trace-1",
                    RequestMdc.ROUTE_ID, "api"), ids());
        }
    }

    @Test
    void listenersOnTheUpstreamClientsThreadSeeTheRequestsIdsAndTheThreadKeepsNoneAfterwards() throws Exception {
        List<Map<String, String>> seen = new CopyOnWriteArrayList<>();
        Gateway gateway = Gateway.builder()
                .pipeline(Pipeline.builder().add(Routing.interceptor(RouteTable.of(
                        Route.builder("api").path("/api/**").upstream("http://10.0.0.5:8080").build()))).build())
                .upstreamClient(FixedUpstreamClient.answering(200, "x").completingOn(clientThread))
                .listener(event -> {
                    if (event instanceof ExchangeEvent.UpstreamAnswered) {
                        seen.add(ids());
                    }
                })
                .build();
        Exchange exchange = gateway.open(IncomingRequest.builder().method("GET").rawPath("/api/a")
                .peerAddress("192.0.2.7").contentLength(0).build());

        exchange.run().get(10, TimeUnit.SECONDS);

        String traceId = seen.get(0).get(RequestMdc.TRACE_ID);
        assertEquals(Map.of(RequestMdc.REQUEST_ID, exchange.id(), RequestMdc.TRACE_ID, traceId,
                RequestMdc.ROUTE_ID, "api"), seen.get(0));
        assertEquals(Map.of(), clientThread.submit(ExchangeMdcTest::ids).get(10, TimeUnit.SECONDS));
        assertNull(MDC.get(RequestMdc.REQUEST_ID), "the calling thread keeps nothing either");
        assertTrue(traceId.matches("[0-9a-f]{32}"));
    }
}
