package dev.portcullis.api.routing;

import java.net.URI;
import java.util.Objects;

/**
 * One upstream instance of a route: an {@code http} or {@code https} base URI and a weight for load balancing.
 *
 * <p>The base URI names scheme, host and port, and optionally a base path that is put in front of every
 * forwarded path (so {@code http://10.0.0.5:8080/v2} turns {@code /users} into {@code /v2/users}). It must have no
 * query, fragment or user info. The authority of every upstream request comes from here, never from the client.
 *
 * <pre>{@code
 * Upstream primary = Upstream.of("http://127.0.0.1:9001");
 * Upstream canary = Upstream.of("http://127.0.0.1:9002", 1);
 * }</pre>
 *
 * @param uri the base URI
 * @param weight the relative share of requests, from 1 to {@value #MAX_WEIGHT}
 */
public record Upstream(URI uri, int weight) {
    /** The largest weight an instance may have. */
    public static final int MAX_WEIGHT = 10_000;

    /** Checks the values; messages name the offending URI. */
    public Upstream {
        Objects.requireNonNull(uri, "uri");
        String scheme = uri.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("upstream " + uri + ": scheme must be http or https");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("upstream " + uri + ": no host");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("upstream " + uri + ": must not have a query, fragment or user info");
        }
        if (weight < 1 || weight > MAX_WEIGHT) {
            throw new IllegalArgumentException("upstream " + uri + ": weight must be from 1 to " + MAX_WEIGHT
                    + ", was " + weight);
        }
    }

    /**
     * @param uri the base URI, e.g. {@code http://127.0.0.1:9001}
     * @return an upstream of weight 1
     */
    public static Upstream of(String uri) {
        return of(uri, 1);
    }

    /**
     * @param uri the base URI
     * @param weight the relative share of requests
     * @return an upstream
     * @throws IllegalArgumentException if the URI is malformed, naming it
     */
    public static Upstream of(String uri, int weight) {
        Objects.requireNonNull(uri, "uri");
        try {
            return new Upstream(new URI(uri), weight);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("upstream " + uri + ": " + e.getMessage(), e);
        }
    }

    /** @return the base path without a trailing slash; empty for none */
    public String basePath() {
        String path = uri.getRawPath();
        if (path == null || path.equals("/")) {
            return "";
        }
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** @return host and port as {@code host:port}, the port filled in from the scheme when absent */
    public String authority() {
        int port = uri.getPort() != -1 ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 80);
        String host = uri.getHost();
        return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ':' + port;
    }
}
