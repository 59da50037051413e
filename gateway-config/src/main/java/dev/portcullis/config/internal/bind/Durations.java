package dev.portcullis.config.internal.bind;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads durations as written in a file: a whole number and one unit, {@code ms}, {@code s}, {@code m}, {@code h}
 * or {@code d}. A bare number is refused, since {@code timeout: 5} could mean seconds or milliseconds.
 *
 * <pre>{@code
 * Durations.parse("250ms");   // PT0.25S
 * }</pre>
 */
public final class Durations {
    /** The pattern the JSON Schema publishes. */
    public static final String PATTERN = "^[0-9]+(ms|s|m|h|d)$";
    private static final Pattern FORMAT = Pattern.compile("([0-9]{1,12})(ms|s|m|h|d)");

    private Durations() {
    }

    /**
     * @param text such as {@code 250ms}, {@code 10s}, {@code 1m}, {@code 2h}, {@code 1d}
     * @return the duration
     * @throws IllegalArgumentException saying what was expected
     */
    public static Duration parse(String text) {
        Matcher parts = FORMAT.matcher(text.strip());
        if (!parts.matches()) {
            throw new IllegalArgumentException("expected a duration such as 250ms, 10s, 1m, 2h or 1d, found '"
                    + text + "'");
        }
        long amount = Long.parseLong(parts.group(1));
        switch (parts.group(2)) {
            case "ms":
                return Duration.ofMillis(amount);
            case "s":
                return Duration.ofSeconds(amount);
            case "m":
                return Duration.ofMinutes(amount);
            case "h":
                return Duration.ofHours(amount);
            default:
                return Duration.ofDays(amount);
        }
    }
}
