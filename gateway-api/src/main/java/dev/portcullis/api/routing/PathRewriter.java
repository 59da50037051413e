package dev.portcullis.api.routing;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Applies a route's strip-prefix, regex rewrite and add-prefix to a raw path, in that order. */
final class PathRewriter {
    private final int stripSegments;
    private final Pattern regex;
    private final String replacement;
    private final String prefix;

    PathRewriter(int stripSegments, String regex, String replacement, String prefix, String routeId) {
        this.stripSegments = stripSegments;
        try {
            this.regex = regex == null ? null : Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("route " + routeId + ": rewrite regex is invalid: " + e.getMessage(), e);
        }
        this.replacement = replacement;
        String trimmed = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        if (!trimmed.isEmpty() && !trimmed.startsWith("/")) {
            throw new IllegalArgumentException("route " + routeId + ": addPrefix must start with '/': " + prefix);
        }
        this.prefix = trimmed;
    }

    String rewrite(String rawPath) {
        String path = strip(rawPath);
        if (regex != null) {
            path = regex.matcher(path).replaceFirst(replacement);
            if (!path.startsWith("/")) {
                path = "/" + path;
            }
        }
        return prefix.isEmpty() ? path : prefix + (path.equals("/") ? "" : path);
    }

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
