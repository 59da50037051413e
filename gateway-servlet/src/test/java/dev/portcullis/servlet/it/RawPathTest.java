package dev.portcullis.servlet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portcullis.api.routing.Route;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tricky raw targets: each is either forwarded byte for byte or refused with 400, by the gateway (problem+json) or
 * by the container before the filter runs. The expected outcome per container is the documented behaviour.
 */
class RawPathTest {
    enum Outcome { FORWARDED, GATEWAY_400, CONTAINER_400 }

    private static Map<String, Outcome[]> corpus() {
        Map<String, Outcome[]> corpus = new LinkedHashMap<>();
        // target -> {Jetty 12 with its default UriCompliance, Tomcat 11 with its defaults}
        corpus.put("/api/a%2Fb", both(Outcome.CONTAINER_400));
        corpus.put("/api/a%25b", of(Outcome.CONTAINER_400, Outcome.FORWARDED));
        corpus.put("/api/a%3Fb?x=%3F", both(Outcome.FORWARDED));
        corpus.put("/api/a%20b", both(Outcome.FORWARDED));
        corpus.put("/api/caf%C3%A9", both(Outcome.FORWARDED));
        corpus.put("/api/a;b=c/d", both(Outcome.GATEWAY_400));
        corpus.put("/api/%61dmin/x", both(Outcome.GATEWAY_400));
        corpus.put("/api/admin;x/y", both(Outcome.GATEWAY_400));
        corpus.put("/api/a/../b", both(Outcome.GATEWAY_400));
        corpus.put("/api//x", of(Outcome.CONTAINER_400, Outcome.GATEWAY_400));
        corpus.put("/api/%2e%2e/admin", of(Outcome.CONTAINER_400, Outcome.GATEWAY_400));
        corpus.put("/api/..;/admin", of(Outcome.CONTAINER_400, Outcome.GATEWAY_400));
        corpus.put("/api/a%5Cb", both(Outcome.CONTAINER_400));
        corpus.put("/api/a%00b", both(Outcome.CONTAINER_400));
        corpus.put("/api/%C3%28", both(Outcome.CONTAINER_400));
        corpus.put("/api/admin.", both(Outcome.GATEWAY_400));
        corpus.put("/api/admin%20", both(Outcome.GATEWAY_400));
        corpus.put("/api/admin%2e", both(Outcome.GATEWAY_400));
        corpus.put("/api/q?a=1&b=%26&c=%2F", both(Outcome.FORWARDED));
        return corpus;
    }

    private static Outcome[] both(Outcome outcome) {
        return of(outcome, outcome);
    }

    private static Outcome[] of(Outcome jetty, Outcome tomcat) {
        return new Outcome[] {jetty, tomcat};
    }

    @ParameterizedTest
    @MethodSource("dev.portcullis.servlet.it.ServletContainer#all")
    void trickyRawTargetsAreForwardedByteForByteOrRefusedWith400(ServletContainer container) throws Exception {
        try (TestUpstream upstream = TestUpstream.start(TestUpstream.echo());
             RunningServer server = container.start(Gateways.routing(
                     Route.builder("api").path("/api/**").upstream(upstream.baseUri()).build()), new AppServlet())) {
            List<String> mismatches = new ArrayList<>();
            corpus().forEach((target, expected) -> {
                Outcome want = expected[container.ordinal()];
                Outcome got;
                try {
                    got = outcome(server, target);
                } catch (Exception e) {
                    throw new AssertionError(target, e);
                }
                if (got != want) {
                    mismatches.add(target + " expected " + want + " but was " + got);
                }
            });
            assertEquals(List.of(), mismatches);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.portcullis.servlet.it.ServletContainer#all")
    void spellingsThatUpstreamsReadAsAProtectedPathNeverReachABroaderRoute(ServletContainer container)
            throws Exception {
        try (TestUpstream admin = TestUpstream.start(TestUpstream.echo());
             TestUpstream open = TestUpstream.start(TestUpstream.echo());
             RunningServer server = container.start(Gateways.routing(
                     Route.builder("admin").path("/api/admin/**").upstream(admin.baseUri()).build(),
                     Route.builder("api").path("/api/**").upstream(open.baseUri()).build()), new AppServlet())) {
            for (String target : List.of("/api/%61dmin/x", "/api/admin;a=b/x", "/api/%61%64%6D%69%6E/x")) {
                assertEquals(Outcome.GATEWAY_400, outcome(server, target), target);
            }
        }
    }

    private static Outcome outcome(RunningServer server, String target) throws Exception {
        RawHttp.Response response = RawHttp.exchange(server.port(),
                "GET " + target + " HTTP/1.1\r\nHost: gw\r\nConnection: close\r\n\r\n");
        if (response.status() == 400) {
            boolean ours = response.header("Content-Type").stream().anyMatch(v -> v.startsWith("application/problem+json"))
                    && response.text().contains("invalid-path");
            return ours ? Outcome.GATEWAY_400 : Outcome.CONTAINER_400;
        }
        assertEquals(200, response.status(), target + ": " + response.text());
        String firstLine = response.text().lines().findFirst().orElseThrow();
        assertEquals("GET " + target, firstLine, "forwarded target");
        return Outcome.FORWARDED;
    }
}
