package dev.portcullis.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads a raw (percent-encoded) query string as {@code name=value} pairs without ever re-encoding it: each pair
 * keeps its raw text, so removing one parameter leaves every other byte of the query as the client sent it.
 *
 * <p>Names and values are decoded form-style ({@code +} is a space). A malformed escape is kept literally rather
 * than rejected, so it simply matches nothing. Empty pairs ({@code a=1&&b=2}) are skipped.
 *
 * <pre>{@code
 * QueryParameters.values("a=1&token=x%20y", "token");     // [x y]
 * QueryParameters.without("a=%2F&token=abc&b=2", "token"); // "a=%2F&b=2"
 * }</pre>
 */
public final class QueryParameters {
    private QueryParameters() {
    }

    /**
     * One {@code name=value} pair.
     *
     * @param raw the pair exactly as in the query
     * @param name the decoded name
     * @param value the decoded value; empty when the pair has no {@code =}
     */
    public record Pair(String raw, String name, String value) {
    }

    /**
     * @param rawQuery a query without {@code ?}
     * @return the pairs, in order
     */
    public static List<Pair> parse(String rawQuery) {
        Objects.requireNonNull(rawQuery, "rawQuery");
        List<Pair> pairs = new ArrayList<>();
        int start = 0;
        while (start <= rawQuery.length()) {
            int end = rawQuery.indexOf('&', start);
            if (end < 0) {
                end = rawQuery.length();
            }
            String raw = rawQuery.substring(start, end);
            if (!raw.isEmpty()) {
                int eq = raw.indexOf('=');
                pairs.add(new Pair(raw, decode(eq < 0 ? raw : raw.substring(0, eq)),
                        eq < 0 ? "" : decode(raw.substring(eq + 1))));
            }
            start = end + 1;
        }
        return pairs;
    }

    /**
     * @param rawQuery a query without {@code ?}, or null for none
     * @param name a parameter name, compared with the decoded names
     * @return the decoded values of every pair with that name, in order; empty when there is none
     */
    public static List<String> values(String rawQuery, String name) {
        Objects.requireNonNull(name, "name");
        List<String> values = new ArrayList<>(1);
        if (rawQuery != null) {
            for (Pair pair : parse(rawQuery)) {
                if (pair.name().equals(name)) {
                    values.add(pair.value());
                }
            }
        }
        return values;
    }

    /**
     * @param rawQuery a query without {@code ?}, or null for none
     * @param name a parameter name, compared with the decoded names
     * @return the raw query without any pair of that name, the others byte for byte; null when nothing is left
     */
    public static String without(String rawQuery, String name) {
        Objects.requireNonNull(name, "name");
        if (rawQuery == null) {
            return null;
        }
        StringBuilder kept = new StringBuilder(rawQuery.length());
        for (Pair pair : parse(rawQuery)) {
            if (!pair.name().equals(name)) {
                kept.append(kept.length() == 0 ? "" : "&").append(pair.raw());
            }
        }
        return kept.length() == 0 ? null : kept.toString();
    }

    private static String decode(String text) {
        if (text.indexOf('%') < 0 && text.indexOf('+') < 0) {
            return text;
        }
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text;
        }
    }
}
