package dev.portcullis.core.transform;

import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.Interceptor;
import dev.portcullis.api.routing.RouteMatch;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.api.routing.Upstream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Rewrites a {@code Location} that points at one of the matched route's upstreams so it never reveals the upstream:
 * with the upstream {@code http://10.0.0.5:8080/v2}, {@code http://10.0.0.5:8080/v2/orders/7} becomes
 * {@code /orders/7} (a path-absolute reference, which RFC 9110 allows and every client resolves against the address
 * it called), or {@code https://api.example.com/orders/7} with {@link #interceptor(URI)} and that public base. The
 * default never builds an address from the client's {@code Host} header, so a forged {@code Host} cannot poison a
 * cached redirect. The upstream's base path is removed; a route's prefix strip or regex rewrite is not reversed. A
 * scheme-relative location ({@code //10.0.0.5:8080/v2/orders/7}) counts as the upstream's scheme. Relative locations
 * and locations pointing elsewhere are left alone.
 *
 * <pre>{@code
 * Pipeline.builder().add(Routing.interceptor(routes))
 *     .add(LocationRewrite.interceptor(URI.create("https://api.example.com"))).build();
 * }</pre>
 */
public final class LocationRewrite {
    private LocationRewrite() {
    }

    /** @return an interceptor named {@code LocationRewrite} that writes path-absolute locations; place it after routing */
    public static Interceptor interceptor() {
        return interceptor("");
    }

    /**
     * @param publicBase the gateway's public address, e.g. {@code https://api.example.com}: scheme and authority
     *     only, no path, query or fragment
     * @return an interceptor named {@code LocationRewrite} that writes absolute locations on {@code publicBase}
     * @throws IllegalArgumentException naming {@code publicBase} if it is not such an address
     */
    public static Interceptor interceptor(URI publicBase) {
        Objects.requireNonNull(publicBase, "publicBase");
        String scheme = publicBase.getScheme();
        if (!("http".equals(scheme) || "https".equals(scheme)) || publicBase.getRawAuthority() == null
                || !(publicBase.getRawPath() == null || publicBase.getRawPath().isEmpty())
                || publicBase.getRawQuery() != null || publicBase.getRawFragment() != null) {
            throw new IllegalArgumentException("publicBase must be http(s)://host[:port] only, was " + publicBase);
        }
        return interceptor(scheme + "://" + publicBase.getRawAuthority());
    }

    private static Interceptor interceptor(String base) {
        return Interceptor.named("LocationRewrite", chain -> {
            GatewayRequest request = chain.request();
            return chain.proceed(request).thenApply(response -> rewrite(base, request, response));
        });
    }

    private static GatewayResponse rewrite(String base, GatewayRequest request, GatewayResponse response) {
        Optional<RouteMatch> match = request.attribute(Routing.MATCH);
        Optional<String> location = response.headers().first("Location");
        if (match.isEmpty() || location.isEmpty()) {
            return response;
        }
        URI target;
        try {
            target = new URI(location.get());
        } catch (URISyntaxException e) {
            return response;
        }
        if (target.getHost() == null) {
            return response;
        }
        for (Upstream upstream : match.get().route().upstreams().instances()) {
            String rest = pathBelow(upstream, target);
            if (rest != null) {
                String rewritten = base + rest
                        + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery())
                        + (target.getRawFragment() == null ? "" : "#" + target.getRawFragment());
                return response.withHeader("Location", rewritten);
            }
        }
        return response;
    }

    /** @return the raw path below the upstream's base path, or null if {@code target} is not on this upstream */
    private static String pathBelow(Upstream upstream, URI target) {
        String scheme = target.getScheme() == null ? upstream.uri().getScheme()
                : target.getScheme().toLowerCase(Locale.ROOT);
        int port = target.getPort() != -1 ? target.getPort() : "https".equals(scheme) ? 443 : 80;
        String host = target.getHost().toLowerCase(Locale.ROOT);
        String authority = (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ':' + port;
        if (!scheme.equals(upstream.uri().getScheme())
                || !authority.equalsIgnoreCase(upstream.authority())) {
            return null;
        }
        String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
        String base = upstream.basePath();
        if (base.isEmpty()) {
            return path;
        }
        if (path.equals(base)) {
            return "/";
        }
        return path.startsWith(base + "/") ? path.substring(base.length()) : null;
    }
}
