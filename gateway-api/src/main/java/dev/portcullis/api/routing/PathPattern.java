package dev.portcullis.api.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A parsed path pattern: literal segments, {@code *}, {@code **} and {@code {name}}. Matches raw paths. */
final class PathPattern {
    private final String source;
    private final String[] segments;

    private PathPattern(String source, String[] segments) {
        this.source = source;
        this.segments = segments;
    }

    static PathPattern parse(String pattern) {
        return parse(pattern, "?");
    }

    static PathPattern parse(String pattern, String routeId) {
        if (!pattern.startsWith("/")) {
            throw new IllegalArgumentException("route " + routeId + ": path pattern must start with '/': " + pattern);
        }
        String[] segments = split(pattern);
        for (String segment : segments) {
            if (segment.startsWith("{") != segment.endsWith("}")) {
                throw new IllegalArgumentException("route " + routeId + ": unbalanced braces in " + pattern);
            }
        }
        return new PathPattern(pattern, segments);
    }

    /** @return captured variables, or null if the path does not match */
    Map<String, String> match(String rawPath) {
        Map<String, String> variables = new HashMap<>(2);
        return matches(0, split(rawPath), 0, variables) ? variables : null;
    }

    private boolean matches(int p, String[] path, int s, Map<String, String> variables) {
        if (p == segments.length) {
            return s == path.length;
        }
        String segment = segments[p];
        if (segment.equals("**")) {
            for (int skip = s; skip <= path.length; skip++) {
                if (matches(p + 1, path, skip, variables)) {
                    return true;
                }
            }
            return false;
        }
        if (s == path.length) {
            return false;
        }
        if (segment.equals("*")) {
            return !path[s].isEmpty() && matches(p + 1, path, s + 1, variables);
        }
        if (segment.startsWith("{")) {
            if (path[s].isEmpty()) {
                return false;
            }
            String name = segment.substring(1, segment.length() - 1);
            variables.put(name, path[s]);
            return matches(p + 1, path, s + 1, variables);
        }
        return segment.equals(path[s]) && matches(p + 1, path, s + 1, variables);
    }

    private static String[] split(String path) {
        List<String> parts = new ArrayList<>();
        int start = 1;
        for (int i = 1; i <= path.length(); i++) {
            if (i == path.length() || path.charAt(i) == '/') {
                parts.add(path.substring(start, i));
                start = i + 1;
            }
        }
        if (parts.size() == 1 && parts.get(0).isEmpty()) {
            return new String[0];
        }
        return parts.toArray(new String[0]);
    }

    @Override
    public String toString() {
        return source;
    }
}
