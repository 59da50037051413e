package dev.portcullis.api.routing;

import dev.portcullis.api.AttributeKey;
import dev.portcullis.api.Attributes;
import dev.portcullis.api.GatewayRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A named rule: which requests it takes (predicates on path, host, method, headers and query), how their path is
 * rewritten, which upstream instances serve them and how a {@link LoadBalancer} chooses among them. Immutable (but
 * for its balancer's state) and thread-safe.
 *
 * <p>Path patterns match the <em>raw</em> (still percent-encoded) path, segment by segment, and are compiled once:
 * <ul>
 *   <li>{@code /api/users} matches exactly that path (not {@code /api/users/}: a trailing slash is an empty
 *       segment); literals compare raw, so {@code /a%2Fb} matches only {@code /a%2Fb}, never {@code /a/b};</li>
 *   <li>{@code /api/**} matches {@code /api} and everything below it on a segment boundary, never {@code /apiadmin};</li>
 *   <li>{@code *} matches one whole non-empty segment, {@code **} any number of segments (also in the middle, as few
 *       as possible), {@code {name}} one non-empty segment captured raw as a path variable, and
 *       {@code {name:regex}} one whose raw text matches {@code regex} entirely.</li>
 * </ul>
 * Rewrites apply in this order: {@link Builder#stripPrefix(int)}, {@link Builder#rewrite(String, String)},
 * {@link Builder#addPrefix(String)}. Configuration alone can never make a rewrite yield a path without a leading
 * {@code /}; when the client's own path would make the forwarded path hold {@code //} or a dot segment, the
 * {@linkplain Routing#interceptor(Router) routing interceptor} refuses the request with a 400 {@code invalid-path}
 * problem instead of collapsing it.
 *
 * <pre>{@code
 * Route users = Route.builder("users")
 *     .path("/api/users/**")
 *     .methods("GET", "POST")
 *     .stripPrefix(1)                            // /api/users/7 -> /users/7
 *     .upstream("http://127.0.0.1:9001")
 *     .upstream("http://127.0.0.1:9002")
 *     .loadBalancer(LoadBalancers.roundRobin())  // default: weightedRoundRobin()
 *     .responseTimeout(Duration.ofSeconds(5))
 *     .build();
 * }</pre>
 */
public final class Route {
    private final String id;
    private final PathPattern path;
    private final List<Predicate<GatewayRequest>> predicates;
    private final PathRewriter rewriter;
    private final UpstreamGroup upstreams;
    private final Duration connectTimeout;
    private final Duration responseTimeout;
    private final Duration idleTimeout;
    private final boolean preserveHost;
    private final Attributes metadata;

    private Route(Builder b) {
        this.id = b.id;
        this.path = b.path == null ? PathPattern.parse("/**", id) : b.path;
        this.predicates = List.copyOf(b.predicates);
        this.rewriter = new PathRewriter(b.stripSegments, b.rewriteRegex, b.rewriteReplacement, b.addPrefix, id);
        if (b.upstreams.isEmpty()) {
            throw new IllegalArgumentException("route " + id + ": upstream: needs at least one upstream");
        }
        if (new HashSet<>(b.upstreams.stream().map(Upstream::uri).toList()).size() < b.upstreams.size()) {
            throw new IllegalArgumentException("route " + id + ": upstream: an instance is listed twice; "
                    + "give it a higher weight instead");
        }
        try {
            this.upstreams = UpstreamGroup.of(b.upstreams, b.loadBalancer);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("route " + id + ": loadBalancer: " + e.getMessage(), e);
        }
        this.connectTimeout = b.connectTimeout;
        this.responseTimeout = b.responseTimeout;
        this.idleTimeout = b.idleTimeout;
        this.preserveHost = b.preserveHost;
        this.metadata = b.metadata;
    }

    /**
     * @param id a unique name, used in logs, metrics and per-route policies
     * @return a builder
     */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /**
     * Tests the route against a request.
     *
     * @param request the request
     * @return the match with the rewritten path, or empty if a predicate fails
     */
    public Optional<RouteMatch> match(GatewayRequest request) {
        Map<String, String> variables = path.match(request.rawPath());
        if (variables == null) {
            return Optional.empty();
        }
        for (Predicate<GatewayRequest> predicate : predicates) {
            if (!predicate.test(request)) {
                return Optional.empty();
            }
        }
        return Optional.of(new RouteMatch(this, rewriter.rewrite(request.rawPath()), variables));
    }

    /** @return the path pattern as configured */
    public String pathPattern() {
        return path.toString();
    }

    /** @return the route's name */
    public String id() {
        return id;
    }

    /** @return the upstream instances and the load balancer that chooses among them */
    public UpstreamGroup upstreams() {
        return upstreams;
    }

    /** @return how long connecting to an upstream may take */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** @return how long the upstream may take to send its response headers once the request is sent */
    public Duration responseTimeout() {
        return responseTimeout;
    }

    /** @return the longest silence allowed between two bytes of the upstream's response body */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** @return whether the client's {@code Host} header is sent upstream instead of the upstream's authority */
    public boolean preserveHost() {
        return preserveHost;
    }

    /** @return typed per-route settings that later stages read (rate-limit policy, required scopes, ...) */
    public Attributes metadata() {
        return metadata;
    }

    @Override
    public String toString() {
        return "Route[" + id + ' ' + path + ']';
    }

    /** Collects the settings of a {@link Route}; {@link #build()} validates them. Not thread-safe. */
    public static final class Builder {
        private static final Duration MAX_TIMEOUT = Duration.ofHours(1);
        private final String id;
        private PathPattern path;
        private final List<Predicate<GatewayRequest>> predicates = new ArrayList<>();
        private int stripSegments;
        private String rewriteRegex;
        private String rewriteReplacement;
        private String addPrefix = "";
        private final List<Upstream> upstreams = new ArrayList<>();
        private LoadBalancer.Factory loadBalancer = LoadBalancers.weightedRoundRobin();
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration responseTimeout = Duration.ofSeconds(30);
        private Duration idleTimeout = Duration.ofSeconds(60);
        private boolean preserveHost;
        private Attributes metadata = Attributes.empty();

        private Builder(String id) {
            Objects.requireNonNull(id, "id");
            if (id.isBlank()) {
                throw new IllegalArgumentException("route id must not be blank");
            }
            this.id = id;
        }

        /**
         * @param pattern a path pattern (see {@link Route}); default {@code /**}
         * @return this builder
         * @throws IllegalArgumentException if the pattern is malformed, naming the route
         */
        public Builder path(String pattern) {
            this.path = PathPattern.parse(Objects.requireNonNull(pattern, "pattern"), id);
            return this;
        }

        /**
         * @param patterns host names, or {@code *.example.com} for any subdomain (not {@code example.com} itself);
         *     the request's host must match one of them, compared without case, port or trailing dot
         * @return this builder
         * @throws IllegalArgumentException if a pattern is not a host name, naming the route
         */
        public Builder host(String... patterns) {
            predicates.add(RequestPredicates.host(id, patterns));
            return this;
        }

        /**
         * @param methods the methods this route takes, compared case-sensitively as HTTP requires (so write the
         *     standard ones in upper case: {@code "GET"}; a request for {@code get} does not match)
         * @return this builder
         */
        public Builder methods(String... methods) {
            predicates.add(RequestPredicates.methods(id, methods));
            return this;
        }

        /**
         * @param name a header that must be present
         * @param regex a pattern one of its values must match entirely
         * @return this builder
         */
        public Builder header(String name, String regex) {
            predicates.add(RequestPredicates.header(id, Objects.requireNonNull(name, "name"),
                    Objects.requireNonNull(regex, "regex")));
            return this;
        }

        /**
         * @param name a query parameter that must be present
         * @param regex a pattern one of its (decoded) values must match entirely
         * @return this builder
         */
        public Builder query(String name, String regex) {
            predicates.add(RequestPredicates.query(id, Objects.requireNonNull(name, "name"),
                    Objects.requireNonNull(regex, "regex")));
            return this;
        }

        /** @param predicate any further condition; must be thread-safe and cheap @return this builder */
        public Builder predicate(Predicate<GatewayRequest> predicate) {
            predicates.add(Objects.requireNonNull(predicate, "predicate"));
            return this;
        }

        /**
         * @param segments how many leading path segments to drop before forwarding; dropping more than the path has
         *     leaves {@code /}
         * @return this builder
         */
        public Builder stripPrefix(int segments) {
            if (segments < 0) {
                throw new IllegalArgumentException("route " + id + ": stripPrefix must not be negative");
            }
            this.stripSegments = segments;
            return this;
        }

        /**
         * @param prefix a path put in front of the forwarded path, e.g. {@code /v2} ({@code /users} becomes
         *     {@code /v2/users}, {@code /} becomes {@code /v2/}); a trailing slash is dropped
         * @return this builder
         */
        public Builder addPrefix(String prefix) {
            this.addPrefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /**
         * Rewrites the raw path (after {@link #stripPrefix(int)}) with a regex; a path the regex does not match is
         * forwarded unchanged.
         *
         * @param regex a pattern over the raw path, anchored with {@code ^}
         * @param replacement its replacement, starting with {@code /}; {@code $1} or {@code ${name}} refer to groups,
         *     which build() checks exist
         * @return this builder
         */
        public Builder rewrite(String regex, String replacement) {
            this.rewriteRegex = Objects.requireNonNull(regex, "regex");
            this.rewriteReplacement = Objects.requireNonNull(replacement, "replacement");
            return this;
        }

        /** @param uri an upstream base URI of weight 1 @return this builder */
        public Builder upstream(String uri) {
            return upstream(Upstream.of(uri));
        }

        /** @param uri an upstream base URI @param weight its share @return this builder */
        public Builder upstream(String uri, int weight) {
            return upstream(Upstream.of(uri, weight));
        }

        /** @param upstream one more upstream instance @return this builder */
        public Builder upstream(Upstream upstream) {
            upstreams.add(Objects.requireNonNull(upstream, "upstream"));
            return this;
        }

        /**
         * Chooses how the route's instances share its requests; {@link #build()} creates the route's own balancer
         * from it. See {@link LoadBalancer} for what a custom balancer must do.
         *
         * @param factory a strategy, e.g. {@link LoadBalancers#roundRobin()}; default
         *     {@link LoadBalancers#weightedRoundRobin()}
         * @return this builder
         */
        public Builder loadBalancer(LoadBalancer.Factory factory) {
            this.loadBalancer = Objects.requireNonNull(factory, "loadBalancer");
            return this;
        }

        /** @param timeout connect timeout, default 5 s, more than 0 and at most 1 hour @return this builder */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = requirePositive(timeout, "connectTimeout");
            return this;
        }

        /**
         * @param timeout time to the upstream's response headers, default 30 s, more than 0 and at most 1 hour
         * @return this builder
         */
        public Builder responseTimeout(Duration timeout) {
            this.responseTimeout = requirePositive(timeout, "responseTimeout");
            return this;
        }

        /**
         * @param timeout the longest silence between two bytes of the upstream's response body, default 60 s, more
         *     than 0 and at most 1 hour; when it passes, the exchange fails (504 before the response started,
         *     an aborted client connection after). There is no deadline on the body as a whole, but a server-sent
         *     event stream that stays silent longer than this (no heartbeat) needs a longer idle timeout
         * @return this builder
         */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = requirePositive(timeout, "idleTimeout");
            return this;
        }

        /** @param preserve send the client's Host upstream (default: the upstream's authority) @return this builder */
        public Builder preserveHost(boolean preserve) {
            this.preserveHost = preserve;
            return this;
        }

        /**
         * @param key a per-route setting's key
         * @param value its value
         * @param <T> the value type
         * @return this builder
         */
        public <T> Builder metadata(AttributeKey<T> key, T value) {
            this.metadata = metadata.with(key, value);
            return this;
        }

        /**
         * @return the route
         * @throws IllegalArgumentException naming the route and the setting that is wrong
         */
        public Route build() {
            return new Route(this);
        }

        private Duration requirePositive(Duration value, String setting) {
            Objects.requireNonNull(value, setting);
            if (value.isNegative() || value.isZero() || value.compareTo(MAX_TIMEOUT) > 0) {
                throw new IllegalArgumentException("route " + id + ": " + setting
                        + " must be more than 0 and at most " + MAX_TIMEOUT + ", was " + value);
            }
            return value;
        }
    }
}
