package dev.portcullis.api.routing;

import java.util.Map;
import java.util.Objects;

/**
 * The outcome of a successful {@link Router} decision: the route, and the raw path to request from its upstream
 * after any rewrite. The query is the request's raw query, forwarded unchanged.
 *
 * @param route the matched route
 * @param upstreamRawPath the percent-encoded path to send upstream (before the upstream's own base path), starting
 *     with {@code /}
 * @param pathVariables values of named segments captured by the path pattern, still percent-encoded
 */
public record RouteMatch(Route route, String upstreamRawPath, Map<String, String> pathVariables) {

    /** Checks and copies the values. */
    public RouteMatch {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(upstreamRawPath, "upstreamRawPath");
        pathVariables = Map.copyOf(pathVariables);
        if (!upstreamRawPath.startsWith("/")) {
            throw new IllegalArgumentException("upstreamRawPath must start with '/': " + upstreamRawPath);
        }
    }
}
