package dev.portcullis.servlet.auth.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads and removes one parameter of a raw (percent-encoded) query, leaving the other pairs byte for byte. */
public final class QueryParameters {
    private QueryParameters() {
    }

    /**
     * @param rawQuery the raw query, or null
     * @param name a parameter name (compared after decoding)
     * @return its decoded values, in order; empty when absent or malformed
     */
    public static List<String> values(String rawQuery, String name) {
        List<String> values = new ArrayList<>(1);
        if (rawQuery == null) {
            return values;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (name.equals(key)) {
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                values.add(value == null ? "" : value);
            }
        }
        return values;
    }

    /**
     * @param rawQuery the raw query, or null
     * @param name a parameter name
     * @return the raw query without any pair named {@code name}, or null when nothing is left
     */
    public static String without(String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        StringBuilder kept = new StringBuilder(rawQuery.length());
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (!name.equals(decode(eq < 0 ? pair : pair.substring(0, eq)))) {
                kept.append(kept.length() == 0 ? "" : "&").append(pair);
            }
        }
        return kept.length() == 0 ? null : kept.toString();
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }
}
