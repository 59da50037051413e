package dev.portcullis.client.jetty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.routing.Route;
import dev.portcullis.servlet.GatewayFilter;
import dev.portcullis.servlet.it.AppServlet;
import dev.portcullis.servlet.it.Gateways;
import dev.portcullis.servlet.it.RawHttp;
import dev.portcullis.servlet.it.RunningServer;
import dev.portcullis.servlet.it.ServletContainer;
import dev.portcullis.servlet.it.TestUpstream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The real {@link GatewayFilter} with a {@link JettyUpstreamClient}, in real Jetty and Tomcat containers. */
class JettyClientGatewayTest {
    private static final String CONTAINERS = "dev.portcullis.servlet.it.ServletContainer#all";
    private static final int BURST = 1_000;

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aRequestBeyondTheJettyClientsFullQueueIsA503OverloadedProblemWithRetryAfterNotA502(
            ServletContainer container) throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService clients = Executors.newFixedThreadPool(3);
        try (TestUpstream upstream = TestUpstream.start(exchange -> {
                 arrived.countDown();
                 try {
                     release.await(20, TimeUnit.SECONDS);
                 } catch (InterruptedException e) {
                     Thread.currentThread().interrupt();
                 }
                 TestUpstream.reply(exchange, 200, "ok");
             });
             JettyUpstreamClient client = JettyUpstreamClient.builder().maxConnectionsPerDestination(1)
                     .maxRequestsQueuedPerDestination(1).build();
             RunningServer server = container.start(gateway(upstream, client), new AppServlet())) {
            Future<RawHttp.Response> held = clients.submit(() -> RawHttp.exchange(server.port(), request()));
            assertTrue(arrived.await(20, TimeUnit.SECONDS), "the first request never reached the upstream");
            List<CompletableFuture<RawHttp.Response>> others = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                others.add(CompletableFuture.supplyAsync(() -> exchange(server.port()), clients));
            }
            RawHttp.Response first = (RawHttp.Response) CompletableFuture.anyOf(others.toArray(new CompletableFuture<?>[0]))
                    .get(20, TimeUnit.SECONDS);
            assertEquals(503, first.status(), first.text());
            assertEquals(List.of("1"), first.header("Retry-After"));
            assertTrue(first.header("Content-Type").get(0).startsWith("application/problem+json"));
            assertTrue(first.text().contains("\"type\":\"https://portcullis.dev/problems/overloaded\""), first.text());
            release.countDown();
            assertEquals(200, held.get(20, TimeUnit.SECONDS).status());
            Map<Integer, Integer> statuses = new TreeMap<>();
            for (CompletableFuture<RawHttp.Response> other : others) {
                statuses.merge(other.get(20, TimeUnit.SECONDS).status(), 1, Integer::sum);
            }
            assertEquals(Map.of(200, 1, 503, 1), statuses);
        } finally {
            release.countDown();
            clients.shutdownNow();
        }
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aBurstOfAThousandConnectionsAgainstAColdGatewayIsAnsweredOnlyWith200Or503AndThenAnswersNormally(
            ServletContainer container) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(BURST);
        try (TestUpstream upstream = TestUpstream.start(exchange -> TestUpstream.reply(exchange, 200, "ok"));
             JettyUpstreamClient client = JettyUpstreamClient.create();
             RunningServer server = container.start(gateway(upstream, client), new AppServlet())) {
            CountDownLatch ready = new CountDownLatch(BURST);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < BURST; i++) {
                answers.add(clients.submit(() -> {
                    ready.countDown();
                    go.await(20, TimeUnit.SECONDS);
                    try {
                        return String.valueOf(RawHttp.exchange(server.port(), request()).status());
                    } catch (java.io.IOException e) {
                        return e.getClass().getSimpleName();
                    }
                }));
            }
            assertTrue(ready.await(20, TimeUnit.SECONDS), "the client threads did not start");
            go.countDown();
            Map<String, Integer> outcomes = new TreeMap<>();
            for (Future<String> answer : answers) {
                outcomes.merge(answer.get(40, TimeUnit.SECONDS), 1, Integer::sum);
            }
            outcomes.remove("503");
            assertEquals(Map.of("200", outcomes.getOrDefault("200", 0)), outcomes,
                    "every connection is answered 200 or 503");
            assertTrue(outcomes.getOrDefault("200", 0) > 0, "no request was forwarded");
            assertEquals(200, RawHttp.exchange(server.port(), request()).status());
        } finally {
            clients.shutdownNow();
        }
    }

    private static GatewayFilter gateway(TestUpstream upstream, JettyUpstreamClient client) {
        return Gateways.builder(Route.builder("r").path("/api/**").upstream(upstream.baseUri()).build())
                .upstreamClient(client).build();
    }

    private static RawHttp.Response exchange(int port) {
        try {
            return RawHttp.exchange(port, request());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String request() {
        return "GET /api/x HTTP/1.1\r\nHost: gw\r\nConnection: close\r\n\r\n";
    }
}
