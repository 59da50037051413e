package dev.portcullis.api.routing;

import dev.portcullis.api.AttributeKey;
import dev.portcullis.api.Attributes;
import dev.portcullis.api.GatewayRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A named rule: which requests it takes (predicates on path, host, method, headers and query), how their path is
 * rewritten, and which upstream instances serve them. Immutable and thread-safe.
 *
 * <p>Path patterns match the <em>raw</em> (still percent-encoded) path, segment by segment:
 * <ul>
 *   <li>{@code /api/users} matches exactly that path;</li>
 *   <li>{@code /api/**} matches {@code /api} and everything below it on a segment boundary, never {@code /apiadmin};</li>
 *   <li>{@code *} matches one whole segment, {@code **} any number of segments (also in the middle), and
 *       {@code {name}} one segment captured as a path variable.</li>
 * </ul>
 * Rewrites apply in this order: {@link Builder#stripPrefix(int)}, {@link Builder#rewrite(String, String)},
 * {@link Builder#addPrefix(String)}. A rewrite never yields {@code //} or a dot segment.
 *
 * <pre>{@code
 * Route users = Route.builder("users")
 *     .path("/api/users/**")
 *     .methods("GET", "POST")
 *     .stripPrefix(1)                            // /api/users/7 -> /users/7
 *     .upstream("http://127.0.0.1:9001")
 *     .upstream("http://127.0.0.1:9002")
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
    private final boolean preserveHost;
    private final Attributes metadata;

    private Route(Builder b) {
        this.id = b.id;
        this.path = b.path == null ? PathPattern.parse("/**") : b.path;
        this.predicates = List.copyOf(b.predicates);
        this.rewriter = new PathRewriter(b.stripSegments, b.rewriteRegex, b.rewriteReplacement, b.addPrefix, id);
        if (b.upstreams.isEmpty()) {
            throw new IllegalArgumentException("route " + id + ": needs at least one upstream");
        }
        this.upstreams = UpstreamGroup.of(b.upstreams);
        this.connectTimeout = b.connectTimeout;
        this.responseTimeout = b.responseTimeout;
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

    /** @return the route's name */
    public String id() {
        return id;
    }

    /** @return the upstream instances and the choice among them */
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
        private final String id;
        private PathPattern path;
        private final List<Predicate<GatewayRequest>> predicates = new ArrayList<>();
        private int stripSegments;
        private String rewriteRegex;
        private String rewriteReplacement;
        private String addPrefix = "";
        private final List<Upstream> upstreams = new ArrayList<>();
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration responseTimeout = Duration.ofSeconds(30);
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
         * @param pattern a host name, or {@code *.example.com} for any subdomain; compared without case and port
         * @return this builder
         */
        public Builder host(String pattern) {
            predicates.add(RequestPredicates.host(pattern));
            return this;
        }

        /** @param methods the methods this route takes, any case @return this builder */
        public Builder methods(String... methods) {
            predicates.add(RequestPredicates.methods(methods));
            return this;
        }

        /**
         * @param name a header that must be present
         * @param regex a pattern one of its values must match entirely
         * @return this builder
         */
        public Builder header(String name, String regex) {
            predicates.add(RequestPredicates.header(name, regex));
            return this;
        }

        /**
         * @param name a query parameter that must be present
         * @param regex a pattern one of its (decoded) values must match entirely
         * @return this builder
         */
        public Builder query(String name, String regex) {
            predicates.add(RequestPredicates.query(name, regex));
            return this;
        }

        /** @param predicate any further condition; must be thread-safe and cheap @return this builder */
        public Builder predicate(Predicate<GatewayRequest> predicate) {
            predicates.add(Objects.requireNonNull(predicate, "predicate"));
            return this;
        }

        /** @param segments how many leading path segments to drop before forwarding @return this builder */
        public Builder stripPrefix(int segments) {
            if (segments < 0) {
                throw new IllegalArgumentException("route " + id + ": stripPrefix must not be negative");
            }
            this.stripSegments = segments;
            return this;
        }

        /** @param prefix a path put in front of the forwarded path, e.g. {@code /v2} @return this builder */
        public Builder addPrefix(String prefix) {
            this.addPrefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /**
         * @param regex a pattern over the raw path
         * @param replacement its replacement; {@code $1} or {@code ${name}} refer to groups
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

        /** @param timeout connect timeout, default 5 s @return this builder */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = requirePositive(timeout, "connectTimeout");
            return this;
        }

        /** @param timeout time to the upstream's response headers, default 30 s @return this builder */
        public Builder responseTimeout(Duration timeout) {
            this.responseTimeout = requirePositive(timeout, "responseTimeout");
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
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("route " + id + ": " + setting + " must be positive");
            }
            return value;
        }
    }
}
