package dev.portcullis.servlet;

import dev.portcullis.api.Pipeline;
import dev.portcullis.core.ForwardedHeaders;
import dev.portcullis.core.client.JdkUpstreamClient;
import dev.portcullis.core.client.UpstreamClient;
import dev.portcullis.core.client.UpstreamClientProvider;
import dev.portcullis.core.internal.MethodGuard;
import dev.portcullis.core.internal.PathGuard;
import dev.portcullis.core.internal.net.TrustedProxies;
import dev.portcullis.core.internal.proxy.ReverseProxy;
import dev.portcullis.servlet.internal.FilterEngine;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mounts a {@link Pipeline} in front of a servlet application. Every request gets a request id (header
 * {@code X-Request-Id} by default, echoed on the response), passes the path guard (ambiguous paths get a 400
 * {@code invalid-path} problem), then runs through the pipeline. A request the routing stage matched is proxied to
 * its upstream; any other request continues to the application's servlets, which see the gateway's principal via
 * {@code getUserPrincipal()}. Every problem is written as {@code application/problem+json}.
 *
 * <p>The filter must be registered with {@code asyncSupported} and the {@code REQUEST} and {@code ASYNC}
 * dispatcher types: waiting for an upstream never holds a container thread. {@link #register(ServletContext)}
 * does that:
 *
 * <pre>{@code
 * GatewayFilter gateway = GatewayFilter.builder()
 *     .pipeline(Pipeline.builder().add(Routing.interceptor(routes)).build())
 *     .trustedProxies("10.0.0.0/8")
 *     .build();
 * gateway.register(servletContext);        // or a FilterHolder / FilterDef / FilterRegistrationBean, see README
 * }</pre>
 *
 * <p>Forwarding headers and an incoming request id are believed only from a
 * {@linkplain Builder#trustedProxies(String...) trusted proxy}, and of the forwarding headers only the
 * {@linkplain Builder#forwardedHeaders(ForwardedHeaders) family those proxies write}.
 *
 * <p>Without {@link Builder#upstreamClient(UpstreamClient)} the filter creates its client from the highest-priority
 * {@link UpstreamClientProvider} on the classpath ({@code gateway-jetty-client} registers one for the Jetty client),
 * else {@link JdkUpstreamClient#create()}. {@link #destroy()} closes only a client the filter created; a client passed
 * to the builder belongs to the caller, who closes it after the filter is destroyed.
 */
public final class GatewayFilter implements Filter {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayFilter.class);
    private final Pipeline pipeline;
    private final UpstreamClient client;
    private final boolean ownsClient;
    private final FilterEngine engine;

    private GatewayFilter(Builder b, UpstreamClient client, boolean ownsClient, TrustedProxies trusted) {
        this.pipeline = b.pipeline;
        this.client = client;
        this.ownsClient = ownsClient;
        ReverseProxy proxy = new ReverseProxy(client, trusted, b.viaPseudonym, b.requestIdHeader, b.forwardedHeaders,
                b.allowUnderscoreHeaders, b.maxUpstreamResponseHeadBytes);
        this.engine = new FilterEngine(b.pipeline, trusted, new PathGuard(b.allowEncodedSlash),
                new MethodGuard(b.allowTrace), proxy, b.requestIdHeader, b.forwardedHeaders, b.maxInFlight);
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Registers this filter on every path with async support for {@code REQUEST} and {@code ASYNC} dispatches,
     * ahead of filters registered later. Call it while the context starts (a {@code ServletContainerInitializer}
     * or {@code ServletContextListener}).
     *
     * @param context the servlet context
     * @return the registration, for further settings
     */
    public FilterRegistration.Dynamic register(ServletContext context) {
        FilterRegistration.Dynamic registration = context.addFilter("portcullis", this);
        registration.setAsyncSupported(true);
        registration.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC), false, "/*");
        return registration;
    }

    @Override
    public void init(FilterConfig config) {
        LOG.info("Portcullis pipeline: {}", pipeline.describe());
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse httpResponse) {
            engine.handle(http, httpResponse, chain);
        } else {
            chain.doFilter(request, response);
        }
    }

    /** Closes the upstream client if this filter created it; a client given to the builder is left open. */
    @Override
    public void destroy() {
        if (ownsClient) {
            client.close();
        }
    }

    /** @return the client proxied requests go through (for tests in this package) */
    UpstreamClient upstreamClient() {
        return client;
    }

    /**
     * @param providers the candidates, in {@link ServiceLoader} order
     * @return a new client from the highest-priority provider (the first of equals), else the JDK client
     */
    static UpstreamClient defaultClient(Iterable<UpstreamClientProvider> providers) {
        return StreamSupport.stream(providers.spliterator(), false)
                .reduce((best, next) -> next.priority() > best.priority() ? next : best)
                .map(UpstreamClientProvider::create)
                .orElseGet(JdkUpstreamClient::create);
    }

    /** Collects the filter's settings; {@link #build()} validates them. Not thread-safe. */
    public static final class Builder {
        private Pipeline pipeline;
        private final List<String> trustedProxies = new ArrayList<>();
        private UpstreamClient upstreamClient;
        private String requestIdHeader = "X-Request-Id";
        private String viaPseudonym = "portcullis";
        private boolean allowEncodedSlash;
        private boolean allowTrace;
        private boolean allowUnderscoreHeaders;
        private int maxUpstreamResponseHeadBytes = 7 * 1024;
        private ForwardedHeaders forwardedHeaders = ForwardedHeaders.X_FORWARDED;
        private int maxInFlight = defaultMaxInFlight();

        private Builder() {
        }

        /** @param pipeline the interceptors, in order (required) @return this builder */
        public Builder pipeline(Pipeline pipeline) {
            this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
            return this;
        }

        /**
         * @param cidrs IPv4 or IPv6 blocks, e.g. {@code 10.0.0.0/8}, {@code ::1/128}; default: trust nobody
         * @return this builder
         */
        public Builder trustedProxies(String... cidrs) {
            trustedProxies.addAll(List.of(Objects.requireNonNull(cidrs, "cidrs")));
            return this;
        }

        /**
         * @param client sends proxied requests; the caller keeps ownership and closes it after the filter's
         *     {@code destroy()}. Default: a client from the highest-priority {@link UpstreamClientProvider} on the
         *     classpath (the Jetty client with {@code gateway-jetty-client}), else {@link JdkUpstreamClient#create()},
         *     closed by {@code destroy()}
         * @return this builder
         */
        public Builder upstreamClient(UpstreamClient client) {
            this.upstreamClient = Objects.requireNonNull(client, "upstreamClient");
            return this;
        }

        /** @param header the request id header, default {@code X-Request-Id} @return this builder */
        public Builder requestIdHeader(String header) {
            this.requestIdHeader = Objects.requireNonNull(header, "requestIdHeader");
            return this;
        }

        /** @param pseudonym this gateway's name in {@code Via}, default {@code portcullis} @return this builder */
        public Builder viaPseudonym(String pseudonym) {
            this.viaPseudonym = Objects.requireNonNull(pseudonym, "viaPseudonym");
            return this;
        }

        /**
         * @param family the forwarding headers the trusted proxies write, default
         *     {@link ForwardedHeaders#X_FORWARDED}; the other family is ignored and replaced before forwarding
         * @return this builder
         */
        public Builder forwardedHeaders(ForwardedHeaders family) {
            this.forwardedHeaders = Objects.requireNonNull(family, "forwardedHeaders");
            return this;
        }

        /**
         * @param allow whether {@code %2F} and {@code %5C} may appear in paths; default false (400)
         * @return this builder
         */
        public Builder allowEncodedSlash(boolean allow) {
            this.allowEncodedSlash = allow;
            return this;
        }

        /**
         * Caps the exchanges in flight at once (from the container's dispatch until the response is complete or
         * the client is gone). A request beyond the cap gets {@code 503} problem {@link
         * dev.portcullis.api.ProblemTypes#OVERLOADED overloaded} with {@code Retry-After: 1} at once: no pipeline,
         * no upstream call. Default: the JVM's max heap / 64 KiB, clamped to [64, 10,000] (2,048 at
         * {@code -Xmx128m}).
         *
         * @param max the cap, at least 1
         * @return this builder
         */
        public Builder maxInFlight(int max) {
            this.maxInFlight = max;
            return this;
        }

        private static int defaultMaxInFlight() {
            long byHeap = Runtime.getRuntime().maxMemory() / (64 * 1024);
            return (int) Math.max(64, Math.min(10_000, byHeap));
        }

        /**
         * @param allow whether {@code TRACE} is forwarded; default false (405 problem), since a traced request echoes
         *     the client's headers, credentials included, back from the upstream
         * @return this builder
         */
        public Builder allowTrace(boolean allow) {
            this.allowTrace = allow;
            return this;
        }

        /**
         * @param allow whether request header names holding {@code _} are forwarded; default false: they are
         *     dropped, as by nginx's {@code underscores_in_headers off}, because many upstreams read {@code _} as
         *     {@code -} and would see a twin of a header the gateway controls
         * @return this builder
         */
        public Builder allowUnderscoreHeaders(boolean allow) {
            this.allowUnderscoreHeaders = allow;
            return this;
        }

        /**
         * @param bytes the largest upstream response head (status line and header lines) relayed; a larger one is
         *     answered {@code 502}. Default 7 KiB, which leaves room for the headers the container adds within its
         *     own 8 KiB response-head buffer (Jetty and Tomcat alike)
         * @return this builder
         */
        public Builder maxUpstreamResponseHeadBytes(int bytes) {
            this.maxUpstreamResponseHeadBytes = bytes;
            return this;
        }

        /**
         * @return the filter
         * @throws IllegalArgumentException naming the setting that is missing or wrong
         */
        public GatewayFilter build() {
            if (pipeline == null) {
                throw new IllegalArgumentException("pipeline: required, set it with GatewayFilter.builder().pipeline(...)");
            }
            if (!requestIdHeader.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
                throw new IllegalArgumentException("requestIdHeader: not a header name: " + requestIdHeader);
            }
            if (!viaPseudonym.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
                throw new IllegalArgumentException("viaPseudonym: not a token: " + viaPseudonym);
            }
            if (maxUpstreamResponseHeadBytes < 256) {
                throw new IllegalArgumentException("maxUpstreamResponseHeadBytes: must be at least 256, was "
                        + maxUpstreamResponseHeadBytes);
            }
            if (maxInFlight < 1) {
                throw new IllegalArgumentException("maxInFlight: must be at least 1, was " + maxInFlight);
            }
            TrustedProxies trusted = TrustedProxies.of(trustedProxies);
            if (upstreamClient != null) {
                return new GatewayFilter(this, upstreamClient, false, trusted);
            }
            return new GatewayFilter(this, defaultClient(ServiceLoader.load(UpstreamClientProvider.class,
                    GatewayFilter.class.getClassLoader())), true, trusted);
        }
    }
}
