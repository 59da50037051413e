package dev.portcullis.servlet.it.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.ExchangeEvent;
import dev.portcullis.api.UpstreamEvent;
import dev.portcullis.api.routing.HashKey;
import dev.portcullis.api.routing.LoadBalancers;
import dev.portcullis.api.routing.Route;
import dev.portcullis.core.resilience.OutlierEjection;
import dev.portcullis.core.resilience.Resilience;
import dev.portcullis.core.resilience.Retries;
import dev.portcullis.servlet.it.AppServlet;
import dev.portcullis.servlet.it.Gateways;
import dev.portcullis.servlet.it.RawHttp;
import dev.portcullis.servlet.it.RunningServer;
import dev.portcullis.servlet.it.ServletContainer;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The balancers through the real filter: least-requests keeps new requests off an instance that holds a request it has
 * not answered (each request is sent once the one before it has ended, so the counts are exact), and consistent hashing keeps a tenant on one instance, moves only that tenant while its instance is out,
 * and brings it back.
 */
class BalancingTest {
    private static final String CONTAINERS = "dev.portcullis.servlet.it.ServletContainer#all";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void leastRequestsSendsNothingNewToAnInstanceThatHoldsAnUnansweredRequest(ServletContainer container)
            throws Exception {
        Recorder recorder = new Recorder();
        ExecutorService clients = Executors.newCachedThreadPool();
        try (MisbehavingUpstream hanging = MisbehavingUpstream.start("hanging", MisbehavingUpstream.Mode.HANG);
             MisbehavingUpstream fast = MisbehavingUpstream.start("fast", MisbehavingUpstream.Mode.OK);
             RunningServer server = container.start(Gateways.builder(Route.builder("api").path("/api/**")
                     .upstream(hanging.baseUri()).upstream(fast.baseUri())
                     .loadBalancer(LoadBalancers.leastRequests()).build()).listener(recorder).build(),
                     new AppServlet())) {
            int answered = 0;
            for (int i = 0; i < 50 && hanging.requests() == 0; i++) {
                if (answeredOrHeld(clients.submit(() -> Requests.get(server.port(), "/api/x")), hanging)) {
                    recorder.awaitExchanges(ExchangeEvent.Ended.class, ++answered, WAIT);
                }
            }
            assertEquals(1, hanging.requests(), "one request waits on the hanging instance");

            for (int i = 0; i < 20; i++) {
                assertEquals("fast", Requests.get(server.port(), "/api/x").text());
                recorder.awaitExchanges(ExchangeEvent.Ended.class, ++answered, WAIT);
            }
            assertEquals(1, hanging.requests());
            hanging.close();
        } finally {
            clients.shutdownNow();
        }
    }

    /** @return true once the request is answered by the fast instance, false once it waits on the hanging one */
    private static boolean answeredOrHeld(Future<RawHttp.Response> request, MisbehavingUpstream hanging)
            throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                assertEquals("fast", request.get(10, TimeUnit.MILLISECONDS).text());
                return true;
            } catch (TimeoutException stillWaiting) {
                if (hanging.requests() > 0) {
                    return false;
                }
            }
        }
        throw new AssertionError("the request was neither answered nor held within " + WAIT);
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void consistentHashingKeepsEachTenantOnOneInstanceAndMovesOnlyTheTenantsOfAnEjectedInstance(
            ServletContainer container) throws Exception {
        Recorder recorder = new Recorder();
        try (MisbehavingUpstream a = MisbehavingUpstream.start("a", MisbehavingUpstream.Mode.OK);
             MisbehavingUpstream b = MisbehavingUpstream.start("b", MisbehavingUpstream.Mode.OK);
             MisbehavingUpstream c = MisbehavingUpstream.start("c", MisbehavingUpstream.Mode.OK);
             RunningServer server = container.start(Gateways.builder(Route.builder("api").path("/api/**")
                     .upstream(a.baseUri()).upstream(b.baseUri()).upstream(c.baseUri())
                     .loadBalancer(LoadBalancers.consistentHash(HashKey.header("X-Tenant")))
                     .metadata(Resilience.KEY, Resilience.builder()
                             .outlierEjection(OutlierEjection.builder().consecutiveFailures(1)
                                     .baseEjectionTime(Duration.ofSeconds(2)).build())
                             .retries(Retries.builder().build()).build())
                     .build()).listener(recorder).build(), new AppServlet())) {
            Map<String, String> home = placements(server);
            assertEquals(home, placements(server), "a tenant stays on its instance");
            assertTrue(new HashSet<>(home.values()).size() > 1, "the tenants are spread: " + home);

            MisbehavingUpstream failing = Map.of("a", a, "b", b, "c", c).get(home.get("tenant-0"));
            failing.mode(MisbehavingUpstream.Mode.RESET);
            assertEquals(200, Requests.get(server.port(), "/api/x", "X-Tenant: tenant-0").status(),
                    "the failed try is retried on the tenant's next instance");
            recorder.await(UpstreamEvent.Ejected.class, 1, Duration.ofSeconds(5));
            failing.mode(MisbehavingUpstream.Mode.OK);
            Map<String, String> whileOut = placements(server);
            recorder.await(UpstreamEvent.Restored.class, 1, Duration.ofSeconds(10));

            home.forEach((tenant, instance) -> {
                if (instance.equals(home.get("tenant-0"))) {
                    assertNotEquals(instance, whileOut.get(tenant), tenant + " stayed on the ejected instance");
                } else {
                    assertEquals(instance, whileOut.get(tenant), tenant + " moved although its instance served");
                }
            });
            assertEquals(home, placements(server), "the tenants came back");
        }
    }

    private static Map<String, String> placements(RunningServer server) throws Exception {
        Map<String, String> placed = new TreeMap<>();
        for (int tenant = 0; tenant < 12; tenant++) {
            RawHttp.Response answer = Requests.get(server.port(), "/api/x", "X-Tenant: tenant-" + tenant);
            assertEquals(200, answer.status(), answer.text());
            placed.put("tenant-" + tenant, answer.text());
        }
        return placed;
    }
}
