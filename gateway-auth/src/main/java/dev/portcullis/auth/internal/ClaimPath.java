package dev.portcullis.auth.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A claim name or a dotted path into nested claims, e.g. {@code realm_access.roles}. A claim whose name itself
 * contains dots (Auth0's {@code https://example.com/roles}) is found by its full name first. Immutable.
 */
public final class ClaimPath {
    private final String path;
    private final String[] segments;

    private ClaimPath(String path) {
        this.path = path;
        this.segments = path.split("\\.", -1);
    }

    /**
     * @param path the claim name or dotted path
     * @param setting the setting it came from, for the message
     * @return the path
     * @throws IllegalArgumentException naming the setting when the path is blank or has an empty segment
     */
    public static ClaimPath parse(String path, String setting) {
        Objects.requireNonNull(path, setting);
        if (path.isBlank() || path.startsWith(".") || path.endsWith(".") || path.contains("..")) {
            throw new IllegalArgumentException(setting + ": not a claim name or dotted path: '" + path + "'");
        }
        return new ClaimPath(path);
    }

    /**
     * @param claims the claims
     * @return the value at this path, or null
     */
    public Object read(Map<String, Object> claims) {
        Object whole = claims.get(path);
        if (whole != null || segments.length == 1) {
            return whole;
        }
        Object current = claims;
        for (String segment : segments) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(segment);
        }
        return current;
    }

    /**
     * @param value a claim value
     * @param splitSpaces whether a string holds a space-separated list (as {@code scope} does)
     * @return its strings: a string (split or whole), or the string/number/boolean items of an array
     */
    public static List<String> strings(Object value, boolean splitSpaces) {
        List<String> found = new ArrayList<>();
        if (value instanceof String text) {
            if (splitSpaces) {
                for (String part : text.trim().split("\\s+")) {
                    if (!part.isEmpty()) {
                        found.add(part);
                    }
                }
            } else if (!text.isEmpty()) {
                found.add(text);
            }
        } else if (value instanceof Collection<?> items) {
            for (Object item : items) {
                if (item instanceof String || item instanceof Number || item instanceof Boolean) {
                    found.add(item.toString());
                }
            }
        } else if (value instanceof Number || value instanceof Boolean) {
            found.add(value.toString());
        }
        return found;
    }

    @Override
    public String toString() {
        return path;
    }
}
