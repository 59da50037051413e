package dev.portcullis.api;

/**
 * Makes a value that a client or an upstream supplied safe to place in a log line: control characters (CR, LF, TAB,
 * NUL, DEL, the C1 range and the Unicode line and paragraph separators) are written as {@code \n}, {@code \r},
 * {@code \t} or a backslash-u escape of four hex digits, a backslash is doubled so an escape cannot be forged, and
 * the result is capped at {@link #MAX_LENGTH} characters of input followed by an ellipsis. A log line therefore
 * never splits in two and never grows with the size of hostile input. Thread-safe (stateless).
 */
public final class LogSafe {
    /** The number of input characters kept before the value is cut and an ellipsis appended. */
    public static final int MAX_LENGTH = 200;

    private LogSafe() {
    }

    /**
     * @param value any value, or null
     * @return the escaped and capped value; {@code "null"} for null
     */
    public static String value(String value) {
        if (value == null) {
            return "null";
        }
        int kept = Math.min(value.length(), MAX_LENGTH);
        StringBuilder out = new StringBuilder(kept + 8);
        for (int i = 0; i < kept; i++) {
            append(out, value.charAt(i));
        }
        if (value.length() > MAX_LENGTH) {
            out.append('\u2026');
        }
        return out.toString();
    }

    /** The string form of {@code failure} ({@code Type: message}), escaped and capped like {@link #value}. */
    public static String value(Throwable failure) {
        return value(String.valueOf(failure));
    }

    private static void append(StringBuilder out, char c) {
        switch (c) {
            case '\n':
                out.append("\\n");
                return;
            case '\r':
                out.append("\\r");
                return;
            case '\t':
                out.append("\\t");
                return;
            case '\\':
                out.append("\\\\");
                return;
            default:
                if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029') {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
        }
    }
}
