package dev.portcullis.servlet.internal;

import dev.portcullis.core.Gateway;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The filter's entry point: a {@code REQUEST} dispatch starts a {@link ServletExchange} on the {@link Gateway}; an
 * {@code ASYNC} re-dispatch that an exchange asked for resumes it (running the application, or aborting the
 * connection); every other dispatch passes straight on. Thread-safe.
 */
public final class FilterEngine {
    private final Gateway gateway;

    /** @param gateway the container-neutral gateway the filter adapts */
    public FilterEngine(Gateway gateway) {
        this.gateway = gateway;
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
                && request.getAttribute(ServletExchange.RESUME_ATTRIBUTE) instanceof ServletExchange exchange) {
            request.removeAttribute(ServletExchange.RESUME_ATTRIBUTE);
            exchange.resume(chain);
        } else if (request.getDispatcherType() == DispatcherType.REQUEST) {
            ServletExchange.start(gateway, request, response, chain);
        } else {
            chain.doFilter(request, response);
        }
    }
}
