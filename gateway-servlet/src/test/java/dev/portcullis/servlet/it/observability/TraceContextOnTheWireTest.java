package dev.portcullis.servlet.it.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.Interceptor;
import dev.portcullis.api.Problem;
import dev.portcullis.api.ProblemTypes;
import dev.portcullis.api.TraceContext;
import dev.portcullis.api.routing.Route;
import dev.portcullis.core.trace.TracePolicy;
import dev.portcullis.servlet.GatewayFilter;
import dev.portcullis.servlet.it.AppServlet;
import dev.portcullis.servlet.it.Gateways;
import dev.portcullis.servlet.it.Http;
import dev.portcullis.servlet.it.RunningServer;
import dev.portcullis.servlet.it.ServletContainer;
import dev.portcullis.servlet.it.TestUpstream;
import dev.portcullis.servlet.it.validation.Problems;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * W3C trace context across the real filter in both containers: what the upstream receives in {@code traceparent}
 * and {@code tracestate} from trusted, untrusted and silent callers, and the {@code traceId} of problem bodies.
 */
class TraceContextOnTheWireTest {
    private static final String CONTAINERS = "dev.portcullis.servlet.it.ServletContainer#all";
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN = "00f067aa0ba902b7";
    private static final String CALLER = "00-" + TRACE + "-" + CALLER_SPAN + "-01";
    private static final Interceptor DENY_SECRET = Interceptor.named("DenySecret", chain ->
            chain.request().rawPath().endsWith("/secret")
                    ? CompletableFuture.completedFuture(GatewayResponse.problem(
                            Problem.builder(ProblemTypes.FORBIDDEN, 403, "Forbidden").build()))
                    : chain.proceed(chain.request()));

    /** Sends one request through a gateway built by {@code settings} to an echoing upstream. */
    private static HttpResponse<String> send(ServletContainer container, UnaryOperator<GatewayFilter.Builder> settings,
                                             String method, String path, String... headers) throws Exception {
        try (TestUpstream upstream = TestUpstream.start(TestUpstream.echo());
             RunningServer server = container.start(settings.apply(Gateways.builder(List.of(DENY_SECRET),
                     Route.builder("api").path("/api/**").upstream(upstream.baseUri()).build())).build(),
                     new AppServlet())) {
            HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(20))
                    .method(method, HttpRequest.BodyPublishers.noBody());
            for (int i = 0; i < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            return Http.send(request.build());
        }
    }

    /** @return the values of one header as the echoing upstream received it */
    private static List<String> received(HttpResponse<String> echoed, String name) {
        return echoed.body().lines().filter(line -> line.startsWith(name + ": "))
                .map(line -> line.substring(name.length() + 2)).toList();
    }

    private static TraceContext forwarded(HttpResponse<String> echoed) {
        List<String> parents = received(echoed, "traceparent");
        assertEquals(1, parents.size(), echoed.body());
        return TraceContext.parse(parents.get(0), null).orElseThrow();
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aTrustedCallersTraceContinuesUpstreamWithTheGatewaysHopAsParentAndItsStateKept(ServletContainer container)
            throws Exception {
        HttpResponse<String> echoed = send(container, gateway -> gateway.trustedProxies("127.0.0.1/32"), "GET",
                "/api/a", "traceparent", CALLER, "tracestate", "rojo=00f067aa0ba902b7");

        assertEquals(200, echoed.statusCode());
        TraceContext hop = forwarded(echoed);
        assertEquals(TRACE, hop.traceId());
        assertNotEquals(CALLER_SPAN, hop.spanId());
        assertTrue(hop.sampled());
        assertEquals(List.of("rojo=00f067aa0ba902b7"), received(echoed, "tracestate"));
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void anUntrustedCallersTraceIsRestartedAndItsStateNeverReachesTheUpstream(ServletContainer container)
            throws Exception {
        HttpResponse<String> echoed = send(container, UnaryOperator.identity(), "GET", "/api/a",
                "traceparent", CALLER, "tracestate", "rojo=00f067aa0ba902b7");

        assertNotEquals(TRACE, forwarded(echoed).traceId());
        assertEquals(List.of(), received(echoed, "tracestate"));
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aRequestWithoutTraceContextGetsAFreshSampledTrace(ServletContainer container) throws Exception {
        HttpResponse<String> echoed = send(container, UnaryOperator.identity(), "GET", "/api/a");

        TraceContext hop = forwarded(echoed);
        assertTrue(hop.traceId().matches("[0-9a-f]{32}"));
        assertTrue(hop.sampled());
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void withTraceContextOffTheCallersHeadersPassThroughUntouched(ServletContainer container) throws Exception {
        HttpResponse<String> echoed = send(container, gateway -> gateway.traceContext(TracePolicy.off()), "GET",
                "/api/a", "traceparent", CALLER, "tracestate", "rojo=1");

        assertEquals(List.of(CALLER), received(echoed, "traceparent"));
        assertEquals(List.of("rojo=1"), received(echoed, "tracestate"));
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aStagesProblemAndAnIntakeRefusalCarryTheTraceId(ServletContainer container) throws Exception {
        HttpResponse<String> denied = send(container, gateway -> gateway.trustedProxies("127.0.0.1/32"), "GET",
                "/api/secret", "traceparent", CALLER);
        HttpResponse<String> refused = send(container, gateway -> gateway.trustedProxies("127.0.0.1/32"), "TRACE",
                "/api/a", "traceparent", CALLER);

        JsonNode deniedProblem = Problems.assertProblem(denied, 403, ProblemTypes.FORBIDDEN);
        JsonNode refusedProblem = Problems.assertProblem(refused, 405, ProblemTypes.METHOD_NOT_ALLOWED);
        assertEquals(TRACE, deniedProblem.path("traceId").asText(), denied.body());
        assertEquals(TRACE, refusedProblem.path("traceId").asText(), refused.body());
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void withTraceContextOffProblemsCarryNoTraceId(ServletContainer container) throws Exception {
        HttpResponse<String> denied = send(container, gateway -> gateway.traceContext(TracePolicy.off()), "GET",
                "/api/secret", "traceparent", CALLER);

        assertFalse(Problems.assertProblem(denied, 403, ProblemTypes.FORBIDDEN).has("traceId"), denied.body());
    }
}
