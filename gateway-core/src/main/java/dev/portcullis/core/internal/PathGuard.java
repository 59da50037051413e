package dev.portcullis.core.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Refuses request targets that different parsers could read differently. A path is refused when it has
 * <ul>
 *   <li>a character outside RFC 3986 {@code pchar} and {@code /} (spaces, controls, backslash, raw non-ASCII);</li>
 *   <li>a malformed escape, an escape of a control character, or escapes that are not valid UTF-8;</li>
 *   <li>an escape of an unreserved character ({@code %61} for {@code a}, {@code %2e} for {@code .}): upstreams
 *       decode it, so {@code /api/%61dmin} would be checked as one path and served as {@code /api/admin};</li>
 *   <li>a {@code ;} (matrix parameters): servlet containers strip them, so {@code /api/admin;x/y} would be routed as
 *       one path and served as {@code /api/admin/y};</li>
 *   <li>a {@code .} or {@code ..} segment;</li>
 *   <li>a segment that ends, once decoded, in a dot or a space ({@code /admin.}, {@code /admin%20}): file systems and
 *       some upstreams drop them, so such a path would be checked as one path and served as {@code /admin};</li>
 *   <li>an encoded slash or backslash ({@code %2F}, {@code %5C}) unless allowed.</li>
 * </ul>
 * Escapes of reserved and non-ASCII characters remain legal; route patterns compare them byte for byte, hex case
 * included.
 * A query is refused when it has a character outside RFC 3986 {@code query}. Thread-safe.
 */
public final class PathGuard {
    private static final String SUB_DELIMS = "!$&'()*+,;=";
    private static final String UNRESERVED_MARKS = "-._~";
    private final boolean allowEncodedSlash;

    /** @param allowEncodedSlash whether {@code %2F} and {@code %5C} may appear in a path */
    public PathGuard(boolean allowEncodedSlash) {
        this.allowEncodedSlash = allowEncodedSlash;
    }

    /**
     * @param rawPath the raw path, as received
     * @param rawQuery the raw query without {@code ?}, or null
     * @return why the target is refused, in words safe to show a client; empty when it is acceptable
     */
    public Optional<String> check(String rawPath, String rawQuery) {
        if (!rawPath.startsWith("/")) {
            return Optional.of("The path must start with '/'.");
        }
        int start = 1;
        while (start <= rawPath.length()) {
            int end = rawPath.indexOf('/', start);
            end = end < 0 ? rawPath.length() : end;
            Optional<String> problem = checkSegment(rawPath.substring(start, end));
            if (problem.isPresent()) {
                return problem;
            }
            start = end + 1;
        }
        if (rawQuery != null) {
            for (int i = 0; i < rawQuery.length(); i++) {
                char c = rawQuery.charAt(i);
                if (!isPchar(c) && c != '/' && c != '?' && c != '%') {
                    return Optional.of("The query contains a character that must be percent-encoded.");
                }
            }
        }
        return Optional.empty();
    }

    private Optional<String> checkSegment(String segment) {
        ByteArrayOutputStream decoded = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                int value = i + 2 < segment.length() ? hex(segment.charAt(i + 1), segment.charAt(i + 2)) : -1;
                if (value < 0) {
                    return Optional.of("The path contains a malformed percent-escape.");
                }
                if (value < 0x20 || value == 0x7f) {
                    return Optional.of("The path contains an encoded control character.");
                }
                if (isUnreserved((char) value)) {
                    return Optional.of("The path contains a percent-escape of a character that needs none.");
                }
                if ((value == '/' || value == '\\') && !allowEncodedSlash) {
                    return Optional.of("The path contains an encoded slash or backslash.");
                }
                decoded.write(value);
                i += 2;
            } else if (c == ';') {
                return Optional.of("The path contains ';': matrix parameters are not accepted.");
            } else if (!isPchar(c)) {
                return Optional.of("The path contains a character that must be percent-encoded.");
            } else {
                decoded.write(c);
            }
        }
        byte[] bytes = decoded.toByteArray();
        if (!isUtf8(bytes)) {
            return Optional.of("The path's percent-escapes are not valid UTF-8.");
        }
        if (segment.equals(".") || segment.equals("..")) {
            return Optional.of("The path contains a dot segment.");
        }
        if (bytes.length > 0 && (bytes[bytes.length - 1] == '.' || bytes[bytes.length - 1] == ' ')) {
            return Optional.of("The path contains a segment ending in a dot or a space.");
        }
        return Optional.empty();
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || UNRESERVED_MARKS.indexOf(c) >= 0;
    }

    private static boolean isPchar(char c) {
        return isUnreserved(c) || SUB_DELIMS.indexOf(c) >= 0 || c == ':' || c == '@';
    }

    private static int hex(char high, char low) {
        int h = Character.digit(high, 16);
        int l = Character.digit(low, 16);
        return h < 0 || l < 0 ? -1 : h * 16 + l;
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
