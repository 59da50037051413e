package dev.portcullis.servlet.transform;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A read-only view of a raw query string as {@code name=value} pairs, each keeping its raw text so an edit can drop or
 * add pairs without re-encoding the others.
 *
 * <pre>{@code
 * List<QueryParameters.Pair> pairs = QueryParameters.parse("a=1&b=x%20y");
 * pairs.get(1).value();   // "x y"
 * pairs.get(1).raw();     // "b=x%20y"
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
     * @param rawQuery a query without {@code ?}; empty pairs ({@code a=1&&b=2}) are skipped
     * @return the pairs in order; {@code +} decodes to a space; a malformed escape is kept literally
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

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
