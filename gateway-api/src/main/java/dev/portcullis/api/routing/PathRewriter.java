package dev.portcullis.api.routing;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Applies a route's strip-prefix, regex rewrite and add-prefix to a raw path, in that order.
 *
 * <p>Every setting is checked at build time so that a rewrite by itself always yields a path starting with
 * {@code /}: the regex must be anchored with {@code ^}, its replacement must start with {@code /}, and the prefix
 * must be a clean path. What a client sends can still put {@code //} or a dot segment into the result (a captured
 * group that holds {@code ..}); {@link ForwardPaths} catches that and the request is refused.
 */
final class PathRewriter {
    private static final Pattern GROUP_NAME = Pattern.compile("\\(\\?<([A-Za-z][A-Za-z0-9]*)>");

    private final int stripSegments;
    private final Pattern regex;
    private final String replacement;
    private final String prefix;

    PathRewriter(int stripSegments, String regex, String replacement, String prefix, String routeId) {
        this.stripSegments = stripSegments;
        this.regex = regex == null ? null : compile(regex, replacement, routeId);
        this.replacement = replacement;
        this.prefix = checkPrefix(prefix, routeId);
    }

    private static Pattern compile(String regex, String replacement, String routeId) {
        if (!regex.startsWith("^")) {
            throw new IllegalArgumentException("route " + routeId + ": rewrite regex must start with '^': " + regex);
        }
        if (!replacement.startsWith("/") || replacement.indexOf('?') >= 0 || replacement.indexOf('#') >= 0) {
            throw new IllegalArgumentException("route " + routeId
                    + ": rewrite replacement must start with '/' and hold no '?' or '#': " + replacement);
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("route " + routeId + ": rewrite regex is invalid: "
                    + e.getDescription() + " in " + regex, e);
        }
        checkGroupReferences(pattern, replacement, routeId);
        return pattern;
    }

    /** Refuses a replacement that refers to a group the regex does not have, which would fail per request. */
    private static void checkGroupReferences(Pattern pattern, String replacement, String routeId) {
        int groups = pattern.matcher("").groupCount();
        Set<String> names = new HashSet<>();
        Matcher named = GROUP_NAME.matcher(pattern.pattern());
        while (named.find()) {
            names.add(named.group(1));
        }
        for (int i = 0; i < replacement.length(); i++) {
            char c = replacement.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '$') {
                char next = i + 1 < replacement.length() ? replacement.charAt(i + 1) : ' ';
                int close = replacement.indexOf('}', i);
                boolean ok = next == '{' ? close > 0 && names.contains(replacement.substring(i + 2, close))
                        : next >= '0' && next <= '9' && next - '0' <= groups;
                if (!ok) {
                    throw new IllegalArgumentException("route " + routeId + ": rewrite replacement '" + replacement
                            + "' refers to a group the regex does not define (at index " + i + ")");
                }
            }
        }
    }

    private static String checkPrefix(String prefix, String routeId) {
        String trimmed = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        if (!trimmed.isEmpty() && (!ForwardPaths.isForwardable(trimmed) || trimmed.endsWith("/")
                || trimmed.indexOf('?') >= 0 || trimmed.indexOf('#') >= 0)) {
            throw new IllegalArgumentException("route " + routeId
                    + ": addPrefix must be a path like /v2 without '//', dot segments, '?' or '#': " + prefix);
        }
        return trimmed;
    }

    /**
     * @param rawPath the request's raw path
     * @return the raw path to forward; may still hold {@code //} or a dot segment the client sent
     */
    String rewrite(String rawPath) {
        String path = strip(rawPath);
        if (regex != null) {
            path = regex.matcher(path).replaceFirst(replacement);
        }
        return prefix.isEmpty() ? path : prefix + path;
    }

    /** Drops leading segments; dropping more than there are leaves {@code /}. */
    private String strip(String rawPath) {
        int index = 0;
        for (int i = 0; i < stripSegments; i++) {
            int next = rawPath.indexOf('/', index + 1);
            if (next < 0) {
                return "/";
            }
            index = next;
        }
        return rawPath.substring(index);
    }
}
