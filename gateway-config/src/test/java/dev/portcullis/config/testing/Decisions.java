package dev.portcullis.config.testing;

import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.HttpHeaders;
import dev.portcullis.api.Pipeline;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteMatch;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.core.resilience.Resilience;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs requests through a pipeline with a terminal that records what the proxy would do, so two pipelines can be
 * compared decision by decision: the answer (status, problem type, headers) and, for a request that reaches the
 * end, the route, the upstream instance, the forwarded path and query and the request headers the upstream would get.
 * The terminal answers a routed request 200 with {@code Server: test-upstream} and a {@code Location} on the chosen
 * instance, so response transforms and Location rewrites show in the answer.
 *
 * <pre>{@code
 * Decision decision = Decisions.run(pipeline, Requests.of("GET", "/api/x").build("r1"));
 * assertEquals(429, decision.status());
 * }</pre>
 */
public final class Decisions {
    private Decisions() {
    }

    /**
     * One request's fate.
     *
     * @param status the answer's status; 0 when the request went to the servlet application
     * @param problemType the problem's type, or null
     * @param responseHeaders the answer's headers by lower-case name
     * @param route the matched route with its timeouts and Host handling, or null
     * @param upstream the instance chosen, or null
     * @param upstreamPathAndQuery the forwarded raw path and query, or null
     * @param upstreamHeaders the request headers after every stage, by lower-case name
     */
    public record Decision(int status, String problemType, Map<String, List<String>> responseHeaders, String route,
                           String upstream, String upstreamPathAndQuery, Map<String, List<String>> upstreamHeaders) {
    }

    /**
     * @param pipeline the pipeline
     * @param request the request
     * @return what happened to it
     * @throws AssertionError when the pipeline does not answer within 10 s or fails
     */
    public static Decision run(Pipeline pipeline, GatewayRequest request) {
        Seen seen = new Seen();
        CompletableFuture<GatewayResponse> answer = pipeline.execute(request, last -> {
            seen.request = last;
            RouteMatch match = last.attribute(Routing.MATCH).orElse(null);
            if (match == null) {
                return CompletableFuture.completedFuture(GatewayResponse.passToApplication());
            }
            seen.match = match;
            seen.upstream = match.route().upstreams().choose(last).uri().toString();
            return CompletableFuture.completedFuture(GatewayResponse.builder(200)
                    .header("Location", seen.upstream + match.upstreamRawPath())
                    .header("Server", "test-upstream").build());
        }).toCompletableFuture();
        GatewayResponse response;
        try {
            response = answer.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the pipeline did not answer " + request, e);
        }
        String forwarded = seen.match == null ? null : seen.match.upstreamRawPath()
                + seen.request.rawQuery().map(query -> "?" + query).orElse("");
        return new Decision(response.passesToApplication() ? 0 : response.status(),
                response.problem().map(problem -> problem.type()).orElse(null), byName(response.headers()),
                seen.match == null ? null : describe(seen.match.route()), seen.upstream, forwarded,
                seen.request == null ? Map.of() : byName(seen.request.headers()));
    }

    private static String describe(Route route) {
        return route.id() + " connect=" + route.connectTimeout() + " response=" + route.responseTimeout() + " idle="
                + route.idleTimeout() + (route.preserveHost() ? " preserveHost" : "");
    }

    /**
     * @param pipeline a pipeline with a routing stage
     * @return each route's upstream group (instances and balancing strategy) and every resilience setting, so two
     *     pipelines can be compared beyond what a single decision shows
     */
    public static List<String> upstreamSettings(Pipeline pipeline) {
        return Routing.routes(pipeline).stream().map(route -> route.id() + ": " + route.upstreams() + " "
                + route.metadata().get(Resilience.KEY).map(Decisions::describe).orElse("default resilience")).toList();
    }

    /**
     * @param resilience a route's resilience settings
     * @return every setting, also those its {@code toString()} leaves out
     */
    public static String describe(Resilience resilience) {
        String health = resilience.healthCheck().map(check -> " expecting " + new TreeSet<>(check.expectedStatuses()))
                .orElse("");
        String retries = resilience.retries().map(r -> " backoff " + r.baseBackoff() + ".." + r.maxBackoff()
                + ", POST " + r.allows("POST") + ", replay " + r.maxReplayBytes() + ", per try " + r.perTryTimeout()
                + ", overall " + r.overallTimeout() + ", on " + new TreeSet<>(r.conditions()) + ", statuses "
                + new TreeSet<>(r.statuses())).orElse("");
        return resilience + health + retries;
    }

    private static Map<String, List<String>> byName(HttpHeaders headers) {
        Map<String, List<String>> byName = new TreeMap<>();
        headers.names().forEach(name -> byName.put(name.toLowerCase(java.util.Locale.ROOT), headers.all(name)));
        return byName;
    }

    private static final class Seen {
        private GatewayRequest request;
        private RouteMatch match;
        private String upstream;
    }
}
