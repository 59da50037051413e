package dev.portcullis.api.routing;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A path pattern compiled once at build time and matched against raw (percent-encoded) paths segment by segment.
 *
 * <p>Each pattern segment is one of: a literal compared byte for byte with the raw segment (so {@code %2F} matches
 * only {@code %2F}); {@code *}, one non-empty segment; {@code **}, any number of segments including none (as few as
 * possible when more follow); {@code {name}}, one non-empty segment captured raw; {@code {name:regex}}, the same,
 * where the whole raw segment must match {@code regex}. Matching walks the path by index and allocates nothing
 * unless the pattern captures variables. Consecutive {@code **} never backtrack into each other: the matcher only
 * ever retries the most recent {@code **}, so a match costs O(segments x pattern length).
 */
final class PathPattern {
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Map<String, String> NO_VARIABLES = Map.of();

    private final String source;
    private final Segment[] segments;
    private final String[] variableNames;

    private PathPattern(String source, Segment[] segments, String[] variableNames) {
        this.source = source;
        this.segments = segments;
        this.variableNames = variableNames;
    }

    /**
     * @param pattern the pattern text
     * @param routeId the route, for error messages
     * @return the compiled pattern
     * @throws IllegalArgumentException naming the route, the {@code path} setting and the problem
     */
    static PathPattern parse(String pattern, String routeId) {
        if (!pattern.startsWith("/")) {
            throw invalid(routeId, pattern, "must start with '/'");
        }
        String[] texts = pattern.equals("/") ? new String[0] : pattern.substring(1).split("/", -1);
        Segment[] compiled = new Segment[texts.length];
        Set<String> names = new HashSet<>();
        String[] variableNames = new String[0];
        for (int i = 0; i < texts.length; i++) {
            String text = texts[i];
            if (text.isEmpty() && i < texts.length - 1) {
                throw invalid(routeId, pattern, "has an empty segment ('//')");
            }
            compiled[i] = segment(text, routeId, pattern, variableNames.length);
            if (compiled[i].kind == Kind.VARIABLE) {
                if (!names.add(compiled[i].text)) {
                    throw invalid(routeId, pattern, "names {" + compiled[i].text + "} twice");
                }
                variableNames = java.util.Arrays.copyOf(variableNames, variableNames.length + 1);
                variableNames[variableNames.length - 1] = compiled[i].text;
            }
        }
        return new PathPattern(pattern, compiled, variableNames);
    }

    private static Segment segment(String text, String routeId, String pattern, int slot) {
        if (text.equals("**")) {
            return new Segment(Kind.ANY_SEGMENTS, text, null, -1);
        }
        if (text.equals("*")) {
            return new Segment(Kind.ONE_SEGMENT, text, null, -1);
        }
        if (text.startsWith("{") && text.endsWith("}")) {
            int colon = text.indexOf(':');
            String name = text.substring(1, colon < 0 ? text.length() - 1 : colon);
            if (!NAME.matcher(name).matches()) {
                throw invalid(routeId, pattern, "has an invalid variable name '" + name + "'");
            }
            Pattern regex = null;
            if (colon >= 0) {
                try {
                    regex = Pattern.compile(text.substring(colon + 1, text.length() - 1));
                } catch (PatternSyntaxException e) {
                    throw invalid(routeId, pattern, "has an invalid regex in {" + name + "}: " + e.getDescription());
                }
            }
            return new Segment(Kind.VARIABLE, name, regex, slot);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '*' || c == '{' || c == '}' || c == '?' || c == '#' || c <= ' ' || c >= 127) {
                throw invalid(routeId, pattern, "has '" + c + "' inside the segment '" + text
                        + "' (wildcards and variables must fill a whole segment)");
            }
        }
        if (text.equals(".") || text.equals("..")) {
            throw invalid(routeId, pattern, "has a dot segment");
        }
        return new Segment(Kind.LITERAL, text, null, -1);
    }

    private static IllegalArgumentException invalid(String routeId, String pattern, String why) {
        return new IllegalArgumentException("route " + routeId + ": path pattern '" + pattern + "' " + why);
    }

    /**
     * @param rawPath a raw path starting with {@code /}
     * @return the captured variables (raw), or null if the path does not match
     */
    Map<String, String> match(String rawPath) {
        String[] captured = variableNames.length == 0 ? null : new String[variableNames.length];
        if (!matches(rawPath, captured)) {
            return null;
        }
        if (captured == null) {
            return NO_VARIABLES;
        }
        Map<String, String> variables = new LinkedHashMap<>(variableNames.length * 2);
        for (int i = 0; i < captured.length; i++) {
            variables.put(variableNames[i], captured[i]);
        }
        return variables;
    }

    /*
     * Positions: pos is the index of the '/' that starts the next path segment, or end (rawPath.length()) when none
     * is left. The path "/" has no segment; "/a/" has the segments "a" and "".
     */
    private boolean matches(String path, String[] captured) {
        int end = path.length();
        int pos = end == 1 ? end : 0;
        int p = 0;
        int starP = -1;
        int starPos = -1;
        while (true) {
            if (p < segments.length && segments[p].kind == Kind.ANY_SEGMENTS) {
                starP = p++;
                starPos = pos;
                continue;
            }
            if (p == segments.length && pos == end) {
                return true;
            }
            if (p < segments.length && pos < end) {
                int next = segmentEnd(path, pos);
                if (segments[p].matches(path, pos + 1, next, captured)) {
                    p++;
                    pos = next;
                    continue;
                }
            }
            if (starP < 0 || starPos == end) {
                return false;
            }
            starPos = segmentEnd(path, starPos);
            pos = starPos;
            p = starP + 1;
        }
    }

    private static int segmentEnd(String path, int pos) {
        int slash = path.indexOf('/', pos + 1);
        return slash < 0 ? path.length() : slash;
    }

    @Override
    public String toString() {
        return source;
    }

    private enum Kind { LITERAL, ONE_SEGMENT, ANY_SEGMENTS, VARIABLE }

    private static final class Segment {
        final Kind kind;
        final String text;
        final Pattern regex;
        final int slot;

        Segment(Kind kind, String text, Pattern regex, int slot) {
            this.kind = kind;
            this.text = text;
            this.regex = regex;
            this.slot = slot;
        }

        boolean matches(String path, int start, int end, String[] captured) {
            int length = end - start;
            switch (kind) {
                case LITERAL:
                    return length == text.length() && path.regionMatches(start, text, 0, length);
                case ONE_SEGMENT:
                    return length > 0;
                case VARIABLE:
                    if (length == 0 || regex != null && !regex.matcher(path).region(start, end).matches()) {
                        return false;
                    }
                    captured[slot] = path.substring(start, end);
                    return true;
                default:
                    return false;
            }
        }
    }
}
