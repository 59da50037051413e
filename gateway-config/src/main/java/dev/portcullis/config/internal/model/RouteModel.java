package dev.portcullis.config.internal.model;

import dev.portcullis.config.internal.bind.Doc;
import dev.portcullis.config.internal.bind.FileRef;
import dev.portcullis.config.internal.bind.OneOrMany;
import dev.portcullis.config.internal.bind.Required;
import java.util.List;
import java.util.Map;

/**
 * One route: its predicates, rewrites, upstreams and timeouts ({@code Route.Builder}), and the per-route settings
 * later stages read from its metadata.
 *
 * <pre>{@code
 * - id: users
 *   path: /api/users/**
 *   methods: [GET, POST]
 *   stripPrefix: 1
 *   upstreams: [http://10.0.0.5:8080, {uri: http://10.0.0.6:8080, weight: 3}]
 *   timeouts: {connect: 500ms, response: 10s}
 * }</pre>
 *
 * @param id the route's unique name
 * @param path the path pattern
 * @param hosts host patterns
 * @param methods methods
 * @param headers header predicates
 * @param query query predicates
 * @param predicates registered predicates
 * @param stripPrefix leading segments dropped
 * @param rewrite a regex rewrite
 * @param addPrefix a prefix put in front
 * @param upstreams the instances
 * @param loadBalancer how instances share requests
 * @param hashKey what consistent hashing hashes
 * @param customLoadBalancer a registered load-balancing strategy
 * @param resilience health checks, outlier ejection, circuit breaker, retries
 * @param timeouts connect, response and idle timeouts
 * @param preserveHost whether the client's Host is sent upstream
 * @param access the access policy
 * @param authenticators the authenticators asked on this route
 * @param rateLimit the rate-limit policy name
 * @param guard the route's guard policy
 * @param transform the route's header and query edits
 * @param schema the JSON Schema of request bodies
 * @param credentialRelay whether Authorization reaches the upstream
 * @param accessLog the route's access log sampling
 */
@Doc("A route: which requests it takes, how their path is rewritten, where they go, and its per-route policies.")
public record RouteModel(
        @Doc("A unique name, used in logs, metrics and per-route policies.") @Required String id,
        @Doc("A path pattern on the raw path: /api/**, /users/{id}, /users/{id:[0-9]+}, /a/*/b; default /**.")
        String path,
        @Doc("Host names or *.example.com; the request's host must match one.") @OneOrMany List<String> hosts,
        @Doc("Methods this route takes, case-sensitive (GET, POST).") @OneOrMany List<String> methods,
        @Doc("Header name -> regex one of its values must match entirely.") Map<String, String> headers,
        @Doc("Query parameter -> regex one of its decoded values must match entirely.") Map<String, String> query,
        @Doc("Names of predicates the application registered; the request must satisfy each.") List<String> predicates,
        @Doc("How many leading path segments to drop before forwarding.") Integer stripPrefix,
        @Doc("A regex rewrite of the raw path, after stripPrefix.") RewriteModel rewrite,
        @Doc("A path put in front of the forwarded path, after the rewrite, e.g. /v2.") String addPrefix,
        @Doc("The upstream instances: base URIs, or {uri, weight}.") @Required List<UpstreamModel> upstreams,
        @Doc("How the instances share requests: weighted-round-robin (default), round-robin, least-requests (of two "
                + "instances drawn at random, the one with fewer requests in flight per weight) or consistent-hash "
                + "(sticky by hashKey).") Balancer loadBalancer,
        @Doc("What consistent-hash hashes; required by it and read by no other strategy.") HashKeyModel hashKey,
        @Doc("The name of a load-balancing strategy the application registered, instead of loadBalancer.")
        String customLoadBalancer,
        @Doc("Health checks, outlier ejection, circuit breaker and retries of this route's upstream group.")
        ResilienceModel resilience,
        @Doc("Per-route upstream timeouts.") TimeoutsModel timeouts,
        @Doc("Send the client's Host upstream instead of the upstream's authority; default false.")
        Boolean preserveHost,
        @Doc("Who may call this route (the authorization stage); default: authorization.defaultPolicy.")
        AccessModel access,
        @Doc("Names of the authenticators asked on this route, in order; [] asks nobody. Default: "
                + "authentication.defaults.") List<String> authenticators,
        @Doc("The name of this route's rate-limit policy (rateLimiting.policies).") String rateLimit,
        @Doc("This route's guard policy, instead of the guards section.") GuardModel guard,
        @Doc("This route's header and query edits (the routeTransform stage).") TransformModel transform,
        @Doc("A JSON Schema 2020-12 file request bodies must satisfy (the validation stage).") FileRef schema,
        @Doc("relay keeps the Authorization header for the upstream; strip (the claimHeaders default) removes it.")
        Relay credentialRelay,
        @Doc("This route's access log sampling (read when the gateway has an access log).")
        RouteAccessLogModel accessLog) {

    /** How a route's instances share its requests. */
    public enum Balancer {
        /** {@code LoadBalancers.weightedRoundRobin()}. */
        WEIGHTED_ROUND_ROBIN,
        /** {@code LoadBalancers.roundRobin()}. */
        ROUND_ROBIN,
        /** {@code LoadBalancers.leastRequests()}. */
        LEAST_REQUESTS,
        /** {@code LoadBalancers.consistentHash(key)}. */
        CONSISTENT_HASH
    }

    /** What happens to the {@code Authorization} header. */
    public enum Relay {
        /** {@code CredentialRelay.RELAY}. */
        RELAY,
        /** {@code CredentialRelay.STRIP}. */
        STRIP
    }
}
