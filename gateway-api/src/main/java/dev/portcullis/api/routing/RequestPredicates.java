package dev.portcullis.api.routing;

import dev.portcullis.api.GatewayRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** The standard route predicates on host, method, header and query. */
final class RequestPredicates {
    private RequestPredicates() {
    }

    static Predicate<GatewayRequest> host(String pattern) {
        String wanted = pattern.toLowerCase(Locale.ROOT);
        return request -> {
            String host = hostOf(request.authority());
            return wanted.startsWith("*.")
                    ? host.endsWith(wanted.substring(1)) && host.length() > wanted.length() - 1
                    : host.equals(wanted);
        };
    }

    static Predicate<GatewayRequest> methods(String... methods) {
        Set<String> allowed = new java.util.HashSet<>();
        for (String method : methods) {
            allowed.add(method.toUpperCase(Locale.ROOT));
        }
        return request -> allowed.contains(request.method());
    }

    static Predicate<GatewayRequest> header(String name, String regex) {
        Pattern pattern = Pattern.compile(regex);
        return request -> request.headers().all(name).stream().anyMatch(v -> pattern.matcher(v).matches());
    }

    static Predicate<GatewayRequest> query(String name, String regex) {
        Pattern pattern = Pattern.compile(regex);
        return request -> request.rawQuery().map(query -> {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                if (key.equals(name) && pattern.matcher(value).matches()) {
                    return true;
                }
            }
            return false;
        }).orElse(false);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    private static String hostOf(String authority) {
        String host = authority;
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return (end < 0 ? host : host.substring(0, end + 1)).toLowerCase(Locale.ROOT);
        }
        int colon = host.lastIndexOf(':');
        return (colon < 0 ? host : host.substring(0, colon)).toLowerCase(Locale.ROOT);
    }
}
