package dev.portcullis.servlet.transform;

import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.Interceptor;
import dev.portcullis.api.routing.RouteMatch;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.api.routing.Upstream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Rewrites an absolute {@code Location} that points at one of the matched route's upstreams back to the address
 * the client used: {@code http://10.0.0.5:8080/v2/orders/7} becomes {@code https://api.example.com/orders/7} when
 * the upstream is {@code http://10.0.0.5:8080/v2} and the client called {@code https://api.example.com}. The
 * upstream's base path is removed; a route's prefix strip or regex rewrite is not reversed. A scheme-relative
 * location ({@code //10.0.0.5:8080/v2/orders/7}) counts as the upstream's scheme. Relative locations and locations
 * pointing elsewhere are left alone.
 *
 * <pre>{@code
 * Pipeline.builder().add(Routing.interceptor(routes)).add(LocationRewrite.interceptor()).build();
 * }</pre>
 */
public final class LocationRewrite {
    private LocationRewrite() {
    }

    /** @return an interceptor named {@code LocationRewrite}; place it after routing */
    public static Interceptor interceptor() {
        return Interceptor.named("LocationRewrite", chain -> {
            GatewayRequest request = chain.request();
            return chain.proceed(request).thenApply(response -> rewrite(request, response));
        });
    }

    private static GatewayResponse rewrite(GatewayRequest request, GatewayResponse response) {
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
                String rewritten = request.scheme() + "://" + request.authority() + rest
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
