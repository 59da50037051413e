package dev.portcullis.servlet.it.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.UpstreamEvent;
import dev.portcullis.api.routing.LoadBalancers;
import dev.portcullis.api.routing.Route;
import dev.portcullis.core.resilience.OutlierEjection;
import dev.portcullis.core.resilience.Resilience;
import dev.portcullis.servlet.it.AppServlet;
import dev.portcullis.servlet.it.Gateways;
import dev.portcullis.servlet.it.RunningServer;
import dev.portcullis.servlet.it.ServletContainer;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Passive outlier ejection through the real filter: an instance that resets its connections is taken out after the
 * configured failures in a row, gets no request while out, and is back after the ejection time. (The instance's own
 * log may count a failed request twice: the JDK client tries a {@code GET} again by itself when a connection closes
 * before any response byte.)
 */
class OutlierEjectionTest {
    private static final String CONTAINERS = "dev.portcullis.servlet.it.ServletContainer#all";
    private static final Duration EJECTION = Duration.ofMillis(800);

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void anInstanceThatResetsIsEjectedAfterTwoFailuresGetsNothingWhileOutAndServesAgainAfterTheEjectionTime(
            ServletContainer container) throws Exception {
        Recorder recorder = new Recorder();
        try (MisbehavingUpstream a = MisbehavingUpstream.start("a", MisbehavingUpstream.Mode.OK);
             MisbehavingUpstream b = MisbehavingUpstream.start("b", MisbehavingUpstream.Mode.OK);
             MisbehavingUpstream c = MisbehavingUpstream.start("c", MisbehavingUpstream.Mode.RESET);
             RunningServer server = container.start(Gateways.builder(Route.builder("api").path("/api/**")
                     .upstream(a.baseUri()).upstream(b.baseUri()).upstream(c.baseUri())
                     .loadBalancer(LoadBalancers.roundRobin())
                     .metadata(Resilience.KEY, Resilience.builder().outlierEjection(OutlierEjection.builder()
                             .consecutiveFailures(2).baseEjectionTime(EJECTION).build()).build())
                     .build()).listener(recorder).build(), new AppServlet())) {
            List<String> before = Requests.bodies(server.port(), "/api/x", 6);
            assertEquals(List.of("a", "b", "502", "a", "b", "502"), before);
            Recorder.Heard ejected = recorder.await(UpstreamEvent.Ejected.class, 1, Duration.ofSeconds(5));
            assertEquals(new UpstreamEvent.Ejected("api", URI.create(c.baseUri()), EJECTION), ejected.event());

            c.mode(MisbehavingUpstream.Mode.OK);
            int beforeEjection = c.requests();
            List<String> out = Requests.bodies(server.port(), "/api/x", 6);
            Recorder.Heard restored = recorder.await(UpstreamEvent.Restored.class, 1, Duration.ofSeconds(10));
            assertEquals(beforeEjection, c.requests(), "the ejected instance got no request while out");
            assertEquals(0, Collections.frequency(out, "502"));
            Duration outFor = Duration.ofNanos(restored.nanos() - ejected.nanos());
            assertTrue(outFor.compareTo(EJECTION.minusMillis(50)) >= 0 && outFor.compareTo(EJECTION.plusSeconds(2)) < 0,
                    "ejected for " + outFor);

            List<String> after = Requests.bodies(server.port(), "/api/x", 6);
            assertEquals(2, Collections.frequency(after, "c"), "back in turn: " + after);
        }
    }
}
