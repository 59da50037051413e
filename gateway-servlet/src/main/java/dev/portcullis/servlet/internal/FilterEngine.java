package dev.portcullis.servlet.internal;

import dev.portcullis.api.HttpHeaders;
import dev.portcullis.api.Pipeline;
import dev.portcullis.api.Problem;
import dev.portcullis.api.ProblemTypes;
import dev.portcullis.core.ForwardedHeaders;
import dev.portcullis.core.RequestIds;
import dev.portcullis.core.internal.Admission;
import dev.portcullis.core.internal.MethodGuard;
import dev.portcullis.core.internal.PathGuard;
import dev.portcullis.core.internal.net.ForwardedResolver;
import dev.portcullis.core.internal.net.TrustedProxies;
import dev.portcullis.core.internal.proxy.ReverseProxy;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The filter's shared, immutable parts and its entry point: a {@code REQUEST} dispatch starts a
 * {@link GatewayExchange} if the {@link Admission} cap lets it in (else an immediate 503 {@code overloaded} with
 * {@code Retry-After}, before anything else runs); an {@code ASYNC} re-dispatch that an exchange asked for resumes it (running the
 * application, or aborting the connection); every other dispatch passes straight on. Thread-safe.
 */
public final class FilterEngine {
    static final String RESUME_ATTRIBUTE = GatewayExchange.class.getName() + ".resume";
    static final Logger LOG = LoggerFactory.getLogger("dev.portcullis.servlet.GatewayFilter");

    private static final Problem OVERLOADED = Problem.builder(ProblemTypes.OVERLOADED, 503, "Service Unavailable")
            .detail("The gateway has as many requests in flight as it admits; retry after the Retry-After delay.")
            .build();
    private static final HttpHeaders RETRY_AFTER = HttpHeaders.builder().set("Retry-After", "1").build();

    final Pipeline pipeline;
    final Admission admission;
    final TrustedProxies trusted;
    final RequestAdapter adapter;
    final PathGuard guard;
    final MethodGuard methods;
    final ProblemRenderer renderer;
    final ReverseProxy proxy;
    final String requestIdHeader;

    /**
     * @param pipeline the interceptors
     * @param trusted the trusted proxies
     * @param guard the path guard
     * @param methods the method guard
     * @param proxy forwards routed requests
     * @param requestIdHeader the header carrying the request id in both directions
     * @param family the forwarding header family the trusted proxies write
     * @param maxInFlight the most exchanges in flight at once, at least 1
     */
    public FilterEngine(Pipeline pipeline, TrustedProxies trusted, PathGuard guard, MethodGuard methods,
                        ReverseProxy proxy, String requestIdHeader, ForwardedHeaders family, int maxInFlight) {
        this.pipeline = pipeline;
        this.admission = new Admission(maxInFlight);
        this.trusted = trusted;
        this.adapter = new RequestAdapter(new ForwardedResolver(trusted, family));
        this.guard = guard;
        this.methods = methods;
        this.renderer = new ProblemRenderer(requestIdHeader);
        this.proxy = proxy;
        this.requestIdHeader = requestIdHeader;
    }

    /**
     * @param request the servlet request
     * @param response the servlet response
     * @param chain the rest of the container's chain
     * @throws IOException from the application, or to abort a connection whose response failed after commit
     * @throws ServletException from the application
     */
    public void handle(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getDispatcherType() == DispatcherType.ASYNC
                && request.getAttribute(RESUME_ATTRIBUTE) instanceof GatewayExchange exchange) {
            request.removeAttribute(RESUME_ATTRIBUTE);
            exchange.resume(chain);
        } else if (request.getDispatcherType() == DispatcherType.REQUEST) {
            if (admission.tryEnter()) {
                new GatewayExchange(this, request, response).start(chain);
            } else {
                renderer.write(request, response, OVERLOADED, RETRY_AFTER, RequestIds.choose(null, false));
            }
        } else {
            chain.doFilter(request, response);
        }
    }
}
