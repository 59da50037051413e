package dev.portcullis.servlet.it.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.core.resilience.OutlierEjection;
import dev.portcullis.core.resilience.Resilience;
import dev.portcullis.core.resilience.Retries;
import dev.portcullis.servlet.it.AppServlet;
import dev.portcullis.servlet.it.Gateways;
import dev.portcullis.servlet.it.RawHttp;
import dev.portcullis.servlet.it.RunningServer;
import dev.portcullis.servlet.it.ServletContainer;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Retries through the real filter that do not depend on the upstream client: only idempotent methods are retried
 * (a {@code PUT} with its body, never a {@code POST}), and against instances that fail half the time the upstreams'
 * own counts show the retry budget holds. See {@link ResilienceContract} for the client-dependent cases.
 */
class RetryTest {
    private static final String CONTAINERS = "dev.portcullis.servlet.it.ServletContainer#all";

    private static RawHttp.Response send(RunningServer server, String method) throws Exception {
        return RawHttp.exchange(server.port(), method + " /api/x HTTP/1.1\r\nHost: gw\r\nContent-Length: 5\r\n"
                + "Connection: close\r\n\r\nhello");
    }


    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aPutIsRetriedWithItsBodyButAPostIsNot(ServletContainer container) throws Exception {
        try (MisbehavingUpstream a = MisbehavingUpstream.start("a", MisbehavingUpstream.Mode.RESET);
             MisbehavingUpstream b = MisbehavingUpstream.start("b", MisbehavingUpstream.Mode.OK);
             RunningServer server = container.start(Gateways.routing(Requests.route(Resilience.builder()
                     .retries(Retries.builder().build()).build(), a, b)), new AppServlet())) {
            RawHttp.Response put = send(server, "PUT");      // a, reset; retried on b
            RawHttp.Response post = send(server, "POST");    // a again (the retry took b's turn), reset

            assertEquals(200, put.status());
            assertEquals("b", put.text());
            assertEquals(502, post.status(), post.text());
            assertEquals(2, a.requests(), "the POST was tried once");
            assertEquals(1, b.requests());
        }
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void instancesFailingHalfTheTimeGetNoMoreRetriesThanTheBudgetByTheirOwnCount(ServletContainer container)
            throws Exception {
        try (MisbehavingUpstream a = MisbehavingUpstream.start("a", MisbehavingUpstream.Mode.FLAKY);
             MisbehavingUpstream b = MisbehavingUpstream.start("b", MisbehavingUpstream.Mode.FLAKY);
             RunningServer server = container.start(Gateways.routing(Requests.route(Resilience.builder()
                     .outlierEjection(OutlierEjection.off())
                     .retries(Retries.builder().maxRetries(3).statuses(503).budget(20, 0).build()).build(), a, b)),
                     new AppServlet())) {
            List<String> answers = Requests.bodies(server.port(), "/api/x", 100);

            int retries = a.requests() + b.requests() - 100;
            assertTrue(retries > 0 && retries <= 20, "retries by the upstreams' count: " + retries);
            assertEquals(100 - Collections.frequency(answers, "503"), answers.stream().filter(answer -> answer.length()
                    == 1).count(), answers.toString());
            assertTrue(Collections.frequency(answers, "503") > 0, "the budget let every failure be retried");
        }
    }
}
