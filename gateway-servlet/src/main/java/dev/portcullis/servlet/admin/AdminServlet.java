package dev.portcullis.servlet.admin;

import dev.portcullis.api.HttpHeaders;
import dev.portcullis.api.Problem;
import dev.portcullis.api.ProblemTypes;
import dev.portcullis.api.routing.InstanceStates;
import dev.portcullis.core.Gateway;
import dev.portcullis.core.ProblemResponse;
import dev.portcullis.core.RequestIds;
import dev.portcullis.core.ipfilter.CidrRange;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A read-only admin view of a {@link Gateway}, to mount on its own path or port, away from the gateway filter. It
 * answers {@code GET} only, always with {@code Cache-Control: no-store}:
 * <ul>
 *   <li>{@code /} (the servlet's root): JSON with the configuration version, readiness, the pipeline's stages in order
 *       and every route with its path pattern, timeouts and upstream instances (URI, weight, state);</li>
 *   <li>{@code /live}: {@code 200 {"status":"UP"}} while the servlet answers;</li>
 *   <li>{@code /ready}: {@code 200 {"status":"UP"}}, or {@code 503 {"status":"DOWN"}} while the
 *       {@linkplain Builder#readiness readiness check} says no (for instance while draining);</li>
 *   <li>{@code /<name>}: each {@linkplain Builder#endpoint extra endpoint}, such as a Prometheus scrape.</li>
 * </ul>
 * Deny by default: {@link Builder#build()} refuses a view without an access rule. With
 * {@linkplain Builder#allowFrom allowed blocks} a socket peer outside them gets 403; with a
 * {@linkplain Builder#bearerToken bearer token} a caller without it gets 401; with both, a caller needs both. The peer
 * is the socket's, never a forwarding header. Every refusal is {@code application/problem+json}, given before the
 * path is looked at, so a stranger learns nothing of what is mounted.
 *
 * <p>It shows only what the gateway's read-only accessors tell ({@link Gateway#pipeline()} and its routes), never
 * route metadata, authenticator, limiter or store settings, so no secret reaches it.
 *
 * <pre>{@code
 * AdminServlet admin = AdminServlet.builder(filter.gateway())
 *     .allowFrom("127.0.0.1/32", "10.0.0.0/8")
 *     .bearerToken(System.getenv("PORTCULLIS_ADMIN_TOKEN"))
 *     .configVersion(() -> "2025-11-22.1")
 *     .endpoint("metrics", "text/plain; version=0.0.4; charset=utf-8", prometheusRegistry::scrape)
 *     .build();
 * ServletContextHandler adminContext = new ServletContextHandler();   // Jetty: a context of its own
 * adminContext.setContextPath("/admin");
 * adminContext.addServlet(new ServletHolder(admin), "/*");
 * }</pre>
 */
public final class AdminServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(AdminServlet.class);
    private static final String JSON = "application/json";
    private static final Problem NOT_FOUND = Problem.builder("https://portcullis.dev/problems/not-found", 404,
            "Not Found").detail("The admin view has no such endpoint.").build();
    private static final Problem GET_ONLY = Problem.builder(ProblemTypes.METHOD_NOT_ALLOWED, 405,
            "Method Not Allowed").detail("The admin view answers GET only.").build();
    private static final Problem FAILED = Problem.builder(ProblemTypes.INTERNAL_ERROR, 500, "Internal Server Error")
            .detail("The admin view failed; the request id identifies the log entry.").build();

    private final transient AdminAccess access;
    private final transient AdminDocument document;
    private final transient BooleanSupplier readiness;
    private final transient Map<String, Endpoint> endpoints;

    private AdminServlet(Builder builder) {
        this.access = new AdminAccess(builder.allowed, builder.token);
        this.document = new AdminDocument(builder.gateway, builder.configVersion, builder.states);
        this.readiness = builder.readiness;
        this.endpoints = Map.copyOf(builder.endpoints);
    }

    /**
     * @param gateway the gateway to show, e.g. {@code filter.gateway()}
     * @return a builder
     */
    public static Builder builder(Gateway gateway) {
        return new Builder(Objects.requireNonNull(gateway, "gateway"));
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<AdminAccess.Refusal> refusal = access.check(request.getRemoteAddr(),
                request.getHeader("Authorization"));
        if (refusal.isPresent()) {
            AdminResponses.problem(response, refusal.get().problem(), refusal.get().headers());
        } else if (!"GET".equals(request.getMethod())) {
            AdminResponses.problem(response, GET_ONLY, HttpHeaders.builder().set("Allow", "GET").build());
        } else {
            String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
            try {
                answer(path, response);
            } catch (RuntimeException e) {
                String id = RequestIds.choose(null, false);
                LOG.error("admin request {} failed", id, e);
                AdminResponses.write(response, ProblemResponse.of(FAILED, HttpHeaders.empty(),
                        AdminResponses.REQUEST_ID_HEADER, id));
            }
        }
    }

    private void answer(String path, HttpServletResponse response) throws IOException {
        switch (path) {
            case "/":
                AdminResponses.send(response, 200, JSON, document.render(readiness.getAsBoolean()));
                break;
            case "/live":
                AdminResponses.send(response, 200, JSON, AdminDocument.status(true));
                break;
            case "/ready":
                boolean ready = readiness.getAsBoolean();
                AdminResponses.send(response, ready ? 200 : 503, JSON, AdminDocument.status(ready));
                break;
            default:
                Endpoint endpoint = endpoints.get(path.substring(1));
                if (endpoint == null) {
                    AdminResponses.problem(response, NOT_FOUND, HttpHeaders.empty());
                } else {
                    AdminResponses.send(response, 200, endpoint.contentType(),
                            endpoint.body().get().getBytes(StandardCharsets.UTF_8));
                }
        }
    }

    /** An extra endpoint: its media type and what it answers, computed per request. */
    private record Endpoint(String contentType, Supplier<String> body) {
    }

    /** Collects the settings of an {@link AdminServlet}. Not thread-safe. */
    public static final class Builder {
        private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
        private static final int MIN_TOKEN_LENGTH = 16;

        private final Gateway gateway;
        private final List<CidrRange> allowed = new ArrayList<>();
        private String token;
        private Supplier<String> configVersion = () -> null;
        private InstanceStates states = InstanceStates.CONFIGURED_ONLY;
        private BooleanSupplier readiness = () -> true;
        private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();

        private Builder(Gateway gateway) {
            this.gateway = gateway;
        }

        /**
         * @param cidrs IPv4 or IPv6 blocks whose socket peers may read the view, e.g. {@code 127.0.0.1/32}; repeatable
         * @return this builder
         * @throws IllegalArgumentException naming {@code allowFrom} and the block that is not a CIDR block
         */
        public Builder allowFrom(String... cidrs) {
            for (String cidr : Objects.requireNonNull(cidrs, "cidrs")) {
                try {
                    allowed.add(CidrRange.parse(Objects.requireNonNull(cidr, "cidr")));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("allowFrom: " + e.getMessage(), e);
                }
            }
            return this;
        }

        /**
         * @param token the token callers send as {@code Authorization: Bearer <token>}: at least 16 characters, no
         *     whitespace (generate one, e.g. 32 random hex digits); only its SHA-256 digest is kept
         * @return this builder
         */
        public Builder bearerToken(String token) {
            Objects.requireNonNull(token, "bearerToken");
            if (token.length() < MIN_TOKEN_LENGTH || token.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
                throw new IllegalArgumentException("bearerToken: must be at least " + MIN_TOKEN_LENGTH
                        + " characters without whitespace or control characters");
            }
            this.token = token;
            return this;
        }

        /**
         * @param version the configuration version to show, asked per request (a configuration module updates it on
         *     reload); default none ({@code null} in the JSON)
         * @return this builder
         */
        public Builder configVersion(Supplier<String> version) {
            this.configVersion = Objects.requireNonNull(version, "configVersion");
            return this;
        }

        /**
         * @param states what is known of each upstream instance's state; default {@link InstanceStates#CONFIGURED_ONLY}
         * @return this builder
         */
        public Builder instanceStates(InstanceStates states) {
            this.states = Objects.requireNonNull(states, "instanceStates");
            return this;
        }

        /**
         * @param check whether the gateway should get traffic, asked per {@code /ready} request (quick, no I/O);
         *     default always
         * @return this builder
         */
        public Builder readiness(BooleanSupplier check) {
            this.readiness = Objects.requireNonNull(check, "readiness");
            return this;
        }

        /**
         * Adds an endpoint behind the same access rules, e.g. a Prometheus scrape.
         *
         * @param name its path segment: lower-case letters, digits and {@code -}; not {@code live} or {@code ready}
         * @param contentType its media type
         * @param body what it answers, computed per request
         * @return this builder
         */
        public Builder endpoint(String name, String contentType, Supplier<String> body) {
            Objects.requireNonNull(name, "name");
            if (!NAME.matcher(name).matches() || name.equals("live") || name.equals("ready")
                    || endpoints.containsKey(name)) {
                throw new IllegalArgumentException("endpoint: '" + name + "' is not a free name of lower-case "
                        + "letters, digits and '-' (live and ready are taken)");
            }
            endpoints.put(name, new Endpoint(Objects.requireNonNull(contentType, "contentType"),
                    Objects.requireNonNull(body, "body")));
            return this;
        }

        /**
         * @return the servlet
         * @throws IllegalArgumentException naming {@code allowFrom}/{@code bearerToken} when neither is set: the view
         *     denies by default and answers nobody without an access rule
         */
        public AdminServlet build() {
            if (allowed.isEmpty() && token == null) {
                throw new IllegalArgumentException("allowFrom/bearerToken: the admin view denies everyone by default; "
                        + "set allowFrom(...) for the addresses that may read it, bearerToken(...), or both");
            }
            return new AdminServlet(this);
        }
    }
}
