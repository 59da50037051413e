package dev.portcullis.api.routing;

import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.HttpHeaders;
import dev.portcullis.api.QueryParameters;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The standard route predicates on host, method, header and query. Each factory checks its setting and names the
 * route and the setting in its message; each predicate is thread-safe and compiled once.
 */
final class RequestPredicates {
    private static final Pattern HOST_LABELS = Pattern.compile("(\\*\\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?"
            + "(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

    private RequestPredicates() {
    }

    /** Any of the host patterns: {@code api.example.com} exactly, or {@code *.example.com} for any subdomain. */
    static Predicate<GatewayRequest> host(String routeId, String... patterns) {
        if (patterns.length == 0) {
            throw new IllegalArgumentException("route " + routeId + ": host needs at least one pattern");
        }
        Set<String> exact = new HashSet<>();
        List<String> suffixes = new java.util.ArrayList<>();
        for (String pattern : patterns) {
            String wanted = pattern.toLowerCase(Locale.ROOT);
            if (!HOST_LABELS.matcher(wanted).matches()) {
                throw new IllegalArgumentException("route " + routeId + ": host '" + pattern
                        + "' is not a host name or *.domain pattern (no port, no scheme)");
            }
            if (wanted.startsWith("*.")) {
                suffixes.add(wanted.substring(1));
            } else {
                exact.add(wanted);
            }
        }
        return request -> {
            String host = hostOf(request.authority());
            if (exact.contains(host)) {
                return true;
            }
            for (String suffix : suffixes) {
                if (host.length() > suffix.length() && host.endsWith(suffix)) {
                    return true;
                }
            }
            return false;
        };
    }

    static Predicate<GatewayRequest> methods(String routeId, String... methods) {
        if (methods.length == 0) {
            throw new IllegalArgumentException("route " + routeId + ": methods needs at least one method");
        }
        Set<String> allowed = new HashSet<>();
        for (String method : methods) {
            if (method == null || !HttpHeaders.isToken(method)) {
                throw new IllegalArgumentException("route " + routeId + ": methods has an invalid method: " + method);
            }
            allowed.add(method);
        }
        return request -> allowed.contains(request.method());
    }

    /** One of the header's values matches {@code regex} entirely. */
    static Predicate<GatewayRequest> header(String routeId, String name, String regex) {
        if (!HttpHeaders.isToken(name)) {
            throw new IllegalArgumentException("route " + routeId + ": header name is not a token: " + name);
        }
        Pattern pattern = compile(routeId, "header " + name, regex);
        return request -> {
            for (String value : request.headers().all(name)) {
                if (pattern.matcher(value).matches()) {
                    return true;
                }
            }
            return false;
        };
    }

    /** One of the query parameter's decoded values matches {@code regex} entirely. */
    static Predicate<GatewayRequest> query(String routeId, String name, String regex) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("route " + routeId + ": query parameter name is empty");
        }
        Pattern pattern = compile(routeId, "query " + name, regex);
        return request -> {
            for (String value : QueryParameters.values(request.rawQuery().orElse(null), name)) {
                if (pattern.matcher(value).matches()) {
                    return true;
                }
            }
            return false;
        };
    }

    private static Pattern compile(String routeId, String setting, String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("route " + routeId + ": " + setting + " regex is invalid: "
                    + e.getDescription() + " in " + regex, e);
        }
    }

    /** The host of an authority in lower case, without port or a trailing dot; IPv6 literals keep brackets. */
    static String hostOf(String authority) {
        String host = authority;
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            host = end < 0 ? host : host.substring(0, end + 1);
        } else {
            int colon = host.lastIndexOf(':');
            host = colon < 0 ? host : host.substring(0, colon);
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        return host.toLowerCase(Locale.ROOT);
    }
}
