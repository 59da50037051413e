package dev.portcullis.launcher;

import dev.portcullis.api.routing.Route;

/**
 * Reads one {@code --route PREFIX=URL[,URL...]} value: the prefix {@code /api} becomes the pattern {@code /api/**}
 * (the prefix and everything below it, on a segment boundary), {@code /} takes every path, and several URLs are
 * instances of the route, chosen round-robin. The path is forwarded unchanged. The route's id is its prefix.
 *
 * <pre>{@code
 * Route api = RouteArgument.parse("/api=http://127.0.0.1:9001,http://127.0.0.1:9002");
 * }</pre>
 */
final class RouteArgument {
    private RouteArgument() {
    }

    static Route parse(String value) throws UsageException {
        int equals = value.indexOf('=');
        if (equals < 0) {
            throw new UsageException("--route", "expected PREFIX=URL[,URL...], was '" + value + "'");
        }
        String prefix = value.substring(0, equals);
        if (!prefix.startsWith("/")) {
            throw new UsageException("--route", "prefix must start with /, was '" + prefix + "'");
        }
        String trimmed = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        try {
            Route.Builder route = Route.builder(prefix).path(trimmed + "/**");
            for (String uri : value.substring(equals + 1).split(",", -1)) {
                if (uri.isBlank()) {
                    throw new UsageException("--route", "empty upstream URL in '" + value + "'");
                }
                route.upstream(uri.trim());
            }
            return route.build();
        } catch (IllegalArgumentException e) {
            throw new UsageException("--route", e.getMessage());
        }
    }
}
