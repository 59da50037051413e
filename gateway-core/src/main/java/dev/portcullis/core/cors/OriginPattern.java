package dev.portcullis.core.cors;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** One allowed origin: exact ({@code https://app.example.com}) or with a leading wildcard label ({@code https://*.example.com}). */
final class OriginPattern {
    private final String prefix;
    private final String suffix;
    private final boolean wildcard;

    private OriginPattern(String prefix, String suffix, boolean wildcard) {
        this.prefix = prefix;
        this.suffix = suffix;
        this.wildcard = wildcard;
    }

    static OriginPattern parse(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        int star = lower.indexOf('*');
        String candidate = star < 0 ? lower : lower.replace("*", "wildcard");
        try {
            URI uri = new URI(candidate);
            boolean wellFormed = ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null && uri.getRawPath().isEmpty() && uri.getRawQuery() == null
                    && uri.getRawUserInfo() == null && !lower.endsWith("/");
            if (!wellFormed || star >= 0 && (lower.indexOf('*', star + 1) >= 0 || !lower.startsWith("://*.",
                    lower.indexOf(':')))) {
                throw new IllegalArgumentException("allowedOrigins: " + text
                        + " is not scheme://host[:port], optionally with a leading *. label");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("allowedOrigins: " + text + " is not a valid origin", e);
        }
        return star < 0
                ? new OriginPattern(lower, "", false)
                : new OriginPattern(lower.substring(0, star), lower.substring(star + 1), true);
    }

    boolean matches(String origin) {
        String lower = origin.toLowerCase(Locale.ROOT);
        if (!wildcard) {
            return lower.equals(prefix);
        }
        if (!lower.startsWith(prefix) || !lower.endsWith(suffix)) {
            return false;
        }
        String label = lower.substring(prefix.length(), lower.length() - suffix.length());
        return !label.isEmpty() && label.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '.');
    }
}
