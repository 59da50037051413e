package dev.portcullis.servlet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpHandler;
import dev.portcullis.api.Problem;
import dev.portcullis.api.ProblemException;
import dev.portcullis.api.ProblemTypes;
import dev.portcullis.api.routing.LoadBalancer;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.Upstream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The load balancer a route was built with is the one the real proxy asks, and a faulty one is contained. */
class LoadBalancerTest {
    private static final String CONTAINERS = "dev.portcullis.servlet.it.ServletContainer#all";

    /** Sends {@code X-Shard: n} to instance n. */
    private static final LoadBalancer.Factory BY_SHARD = instances -> request ->
            instances.get(Integer.parseInt(request.headers().first("X-Shard").orElseThrow()));

    private static HttpHandler answering(String name, AtomicInteger hits) {
        return exchange -> {
            hits.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            TestUpstream.reply(exchange, 200, name);
        };
    }

    private static String viaShard(RunningServer server, String shard) throws Exception {
        return Http.send(HttpRequest.newBuilder(server.uri("/shards/x")).header("X-Shard", shard).build()).body();
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void eachRouteAsksTheLoadBalancerItWasBuiltWith(ServletContainer container) throws Exception {
        AtomicInteger hits = new AtomicInteger();
        try (TestUpstream blue = TestUpstream.start(answering("blue", hits));
             TestUpstream green = TestUpstream.start(answering("green", hits));
             RunningServer server = container.start(Gateways.routing(
                     Route.builder("shards").path("/shards/**").upstream(blue.baseUri()).upstream(green.baseUri())
                             .loadBalancer(BY_SHARD).build(),
                     Route.builder("even").path("/even/**").upstream(blue.baseUri()).upstream(green.baseUri())
                             .build()), new AppServlet())) {
            assertEquals(List.of("green", "green", "blue", "green"), List.of(viaShard(server, "1"),
                    viaShard(server, "1"), viaShard(server, "0"), viaShard(server, "1")));
            assertEquals(List.of("blue", "green", "blue"), List.of(Http.get(server.uri("/even/x")).body(),
                    Http.get(server.uri("/even/x")).body(), Http.get(server.uri("/even/x")).body()));
        }
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aLoadBalancerThatThrowsIsAnsweredWithAnInternalErrorProblem(ServletContainer container) throws Exception {
        assertInternalErrorWithoutUpstreamCall(container, instances -> request -> {
            throw new IllegalStateException("secret internals");
        });
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aLoadBalancerThatChoosesOutsideItsGroupIsAnsweredWithAnInternalErrorProblem(ServletContainer container)
            throws Exception {
        AtomicInteger strayHits = new AtomicInteger();
        try (TestUpstream stray = TestUpstream.start(answering("stray", strayHits))) {
            Upstream notConfigured = Upstream.of(stray.baseUri());
            assertInternalErrorWithoutUpstreamCall(container, instances -> request -> notConfigured);
        }
        assertEquals(0, strayHits.get());
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aProblemTheLoadBalancerThrowsIsTheAnswer(ServletContainer container) throws Exception {
        AtomicInteger hits = new AtomicInteger();
        LoadBalancer.Factory noneFit = instances -> request -> {
            throw new ProblemException(Problem.builder(ProblemTypes.UPSTREAM_UNAVAILABLE, 503, "Service Unavailable")
                    .detail("No instance can serve the request.").build());
        };
        try (TestUpstream upstream = TestUpstream.start(answering("upstream", hits));
             RunningServer server = container.start(Gateways.routing(Route.builder("api").path("/api/**")
                     .upstream(upstream.baseUri()).loadBalancer(noneFit).build()), new AppServlet())) {
            HttpResponse<String> response = Http.get(server.uri("/api/x"));

            assertEquals(503, response.statusCode());
            assertTrue(response.body().contains(ProblemTypes.UPSTREAM_UNAVAILABLE), response.body());
            assertEquals(0, hits.get());
        }
    }

    private static void assertInternalErrorWithoutUpstreamCall(ServletContainer container, LoadBalancer.Factory faulty)
            throws Exception {
        AtomicInteger hits = new AtomicInteger();
        try (TestUpstream upstream = TestUpstream.start(answering("upstream", hits));
             RunningServer server = container.start(Gateways.routing(Route.builder("api").path("/api/**")
                     .upstream(upstream.baseUri()).loadBalancer(faulty).build()), new AppServlet())) {
            HttpResponse<String> response = Http.get(server.uri("/api/x"));

            assertEquals(500, response.statusCode());
            assertTrue(response.headers().firstValue("Content-Type").orElseThrow()
                    .startsWith("application/problem+json"));
            assertTrue(response.body().contains(ProblemTypes.INTERNAL_ERROR), response.body());
            assertFalse(response.body().contains("secret internals"), response.body());
            assertFalse(response.body().contains("stray"), response.body());
            assertEquals(0, hits.get());
        }
    }
}
