package dev.portcullis.ratelimit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpHandler;
import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.Interceptor;
import dev.portcullis.api.Pipeline;
import dev.portcullis.api.ratelimit.RateLimitDecision;
import dev.portcullis.api.ratelimit.RateLimiter;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.ratelimit.RateLimitPolicy;
import dev.portcullis.servlet.GatewayFilter;
import dev.portcullis.servlet.it.Http;
import dev.portcullis.servlet.it.RunningServer;
import dev.portcullis.servlet.it.TestUpstream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Shared pieces of the rate-limit integration tests: a counting upstream, routes carrying a policy, a filter whose
 * pipeline routes first and then runs the given stages, a GET with extra headers, and the checks every rate-limit
 * rejection must pass on the wire.
 */
final class Limits {
    static final String CONTAINERS = "dev.portcullis.servlet.it.ServletContainer#all";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Limits() {
    }

    /** @return the echo upstream's handler, counting every request it answers in {@code calls} */
    static HttpHandler counting(AtomicInteger calls) {
        HttpHandler echo = TestUpstream.echo();
        return exchange -> {
            calls.incrementAndGet();
            echo.handle(exchange);
        };
    }

    /** @return a route {@code /<id>/**} to the upstream, limited by {@code policy} */
    static Route route(String id, String upstream, RateLimitPolicy policy) {
        return Route.builder(id).path("/" + id + "/**").upstream(upstream).metadata(RateLimitPolicy.ROUTE, policy)
                .build();
    }

    /** @return a filter builder whose pipeline routes, then runs {@code stages} in order */
    static GatewayFilter.Builder routingThen(List<Interceptor> stages, Route... routes) {
        return GatewayFilter.builder().pipeline(Pipeline.builder()
                .add(Routing.interceptor(RouteTable.of(routes))).addAll(stages).build());
    }

    /** @return {@code limiter} for requests whose route is one of {@code routeIds}, no limit for the others */
    static RateLimiter onRoutes(RateLimiter limiter, String... routeIds) {
        Set<String> ids = Set.of(routeIds);
        return request -> onRoute(request, ids) ? limiter.decide(request)
                : CompletableFuture.completedFuture(RateLimitDecision.notLimited());
    }

    /** @return {@code limiter} for every request except those on one of {@code routeIds} */
    static RateLimiter exceptOnRoutes(RateLimiter limiter, String... routeIds) {
        Set<String> ids = Set.of(routeIds);
        return request -> onRoute(request, ids)
                ? CompletableFuture.completedFuture(RateLimitDecision.notLimited()) : limiter.decide(request);
    }

    private static boolean onRoute(GatewayRequest request, Set<String> ids) {
        return request.attribute(Routing.MATCH).filter(match -> ids.contains(match.route().id())).isPresent();
    }

    /**
     * @param headers name, value, name, value...
     * @return the response to a GET of {@code path} on the server
     */
    static HttpResponse<String> get(RunningServer server, String path, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(20));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return Http.send(request.build());
    }

    /**
     * Checks a gateway rejection: the status, {@code application/problem+json} of the type, a positive
     * {@code Retry-After}, and the request id in the body equal to the {@code X-Request-Id} header.
     *
     * @return the problem document
     */
    static JsonNode assertProblem(HttpResponse<String> response, int status, String type) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
        JsonNode problem = json(response.body());
        assertEquals(type, problem.path("type").asText());
        assertEquals(status, problem.path("status").asInt());
        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertTrue(!requestId.isBlank());
        assertEquals(requestId, problem.path("requestId").asText());
        long retryAfter = Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter > 0, "Retry-After " + retryAfter);
        return problem;
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
    }
}
