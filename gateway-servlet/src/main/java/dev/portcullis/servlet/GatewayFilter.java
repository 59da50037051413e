package dev.portcullis.servlet;

import dev.portcullis.api.Pipeline;
import dev.portcullis.core.ForwardedHeaders;
import dev.portcullis.core.Gateway;
import dev.portcullis.core.client.UpstreamClient;
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
import java.util.EnumSet;
import java.util.Objects;
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
 * <p>The filter is a thin adapter over the container-neutral {@link Gateway}: {@link #builder()} takes the gateway's
 * settings ({@link Gateway.Settings}) and builds both, and {@link #destroy()} closes that gateway, which closes the
 * upstream client only if it created it (a client passed to the builder belongs to the caller, who closes it after
 * the filter is destroyed). {@link #of(Gateway)} mounts a gateway built elsewhere; its owner closes it.
 * {@code filter.gateway().reload(settings)} swaps in a new configuration at run time ({@link Gateway#reload}).
 */
public final class GatewayFilter implements Filter {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayFilter.class);
    private final Gateway gateway;
    private final boolean ownsGateway;
    private final FilterEngine engine;

    private GatewayFilter(Gateway gateway, boolean ownsGateway) {
        this.gateway = gateway;
        this.ownsGateway = ownsGateway;
        this.engine = new FilterEngine(gateway);
    }

    /** @return a builder of the gateway's settings that ends in a filter owning its gateway */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param gateway a gateway built with {@link Gateway#builder()}; the caller keeps ownership and closes it after
     *     the filter is destroyed
     * @return a filter that mounts it
     */
    public static GatewayFilter of(Gateway gateway) {
        return new GatewayFilter(Objects.requireNonNull(gateway, "gateway"), false);
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

    /** @return the gateway this filter mounts */
    public Gateway gateway() {
        return gateway;
    }

    @Override
    public void init(FilterConfig config) {
        LOG.info("Portcullis pipeline: {}", gateway.describe());
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

    /**
     * Drains and closes the gateway if this filter built it ({@link Gateway#close()}): from now on a routed request
     * gets 503 with {@code Connection: close} and {@code Retry-After}, the exchanges in flight finish for at most the
     * {@linkplain Gateway.Settings#drainTimeout(java.time.Duration) drain timeout}, then the upstream client closes
     * if the gateway created it. Returns once drained or at the deadline. Containers call it as they stop the
     * application: Tomcat while its connector is paused, so exchanges in flight still run; Jetty after its graceful
     * stop (a {@code GracefulHandler} and a stop timeout), or else after it closed the connections.
     */
    @Override
    public void destroy() {
        if (ownsGateway) {
            gateway.close();
        }
    }

    /** @return the client proxied requests go through (for tests in this package) */
    UpstreamClient upstreamClient() {
        return gateway.upstreamClient();
    }

    /** The gateway's settings ({@link Gateway.Settings}), ending in a filter. Not thread-safe. */
    public static final class Builder extends Gateway.Settings<Builder> {
        private Builder() {
        }

        /**
         * @return the filter, owning the gateway it builds
         * @throws IllegalArgumentException naming the setting that is missing or wrong
         */
        public GatewayFilter build() {
            return new GatewayFilter(buildGateway(), true);
        }
    }
}
