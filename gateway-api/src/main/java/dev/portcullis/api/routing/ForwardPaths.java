package dev.portcullis.api.routing;

/**
 * The rule every path forwarded upstream obeys: it starts with {@code /}, has no empty segment ({@code //}) except
 * a trailing slash, and no dot segment ({@code .} or {@code ..}, also when spelled {@code %2e} in any case or
 * followed by {@code ;parameters}, as in {@code ..;/}). A path that breaks it is refused, never collapsed: the
 * gateway would otherwise check one path and forward another.
 */
final class ForwardPaths {
    private ForwardPaths() {
    }

    /**
     * @param rawPath a raw path
     * @return whether it may be forwarded as is
     */
    static boolean isForwardable(String rawPath) {
        if (rawPath.isEmpty() || rawPath.charAt(0) != '/') {
            return false;
        }
        int start = 1;
        int length = rawPath.length();
        while (start <= length) {
            int slash = rawPath.indexOf('/', start);
            int end = slash < 0 ? length : slash;
            if (slash >= 0 && end == start || isDotSegment(rawPath, start, end)) {
                return false;
            }
            start = end + 1;
        }
        return true;
    }

    private static boolean isDotSegment(String path, int start, int end) {
        int dots = 0;
        int i = start;
        while (i < end && path.charAt(i) != ';') {
            if (path.charAt(i) == '.') {
                i++;
            } else if (path.regionMatches(true, i, "%2e", 0, 3)) {
                i += 3;
            } else {
                return false;
            }
            dots++;
        }
        return dots == 1 || dots == 2;
    }
}
