package dev.portcullis.config.internal.bind;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A number of bytes as written in a file: a plain integer, or an integer with {@code B}, {@code KiB}, {@code MiB} or
 * {@code GiB}. Decimal units ({@code KB}, {@code MB}) are refused with a hint, since their meaning is disputed.
 *
 * <pre>{@code
 * ByteSize.parse("64KiB").bytes();   // 65536
 * }</pre>
 *
 * @param bytes the size in bytes, at least 0
 */
public record ByteSize(long bytes) {
    /** The pattern the JSON Schema publishes for a size written as text. */
    public static final String PATTERN = "^[0-9]+(B|KiB|MiB|GiB)$";
    private static final Pattern FORMAT = Pattern.compile("([0-9]{1,15})\\s*([A-Za-z]*)");

    /**
     * @param text such as {@code 512}, {@code 512B}, {@code 64KiB}, {@code 1MiB}, {@code 2GiB}
     * @return the size
     * @throws IllegalArgumentException saying what was expected
     */
    public static ByteSize parse(String text) {
        Matcher parts = FORMAT.matcher(text.strip());
        if (!parts.matches()) {
            throw new IllegalArgumentException("expected a size such as 512B, 64KiB or 1MiB, found '" + text + "'");
        }
        long amount = Long.parseLong(parts.group(1));
        String unit = parts.group(2);
        switch (unit) {
            case "":
            case "B":
                return new ByteSize(amount);
            case "KiB":
                return new ByteSize(Math.multiplyExact(amount, 1024L));
            case "MiB":
                return new ByteSize(Math.multiplyExact(amount, 1024L * 1024));
            case "GiB":
                return new ByteSize(Math.multiplyExact(amount, 1024L * 1024 * 1024));
            default:
                String hint = unit.toUpperCase(Locale.ROOT).matches("[KMG]B")
                        ? "; did you mean " + amount + unit.charAt(0) + "iB?" : "";
                throw new IllegalArgumentException("expected a size unit of B, KiB, MiB or GiB, found '" + unit + "'"
                        + hint);
        }
    }

    /** @return the size as an int @throws IllegalArgumentException when it does not fit in one */
    public int intBytes() {
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("must be at most " + Integer.MAX_VALUE + " bytes (2GiB - 1), was "
                    + bytes);
        }
        return (int) bytes;
    }
}
