package dev.portcullis.config.internal.bind;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Finds the valid names nearest to a wrong one, for "did you mean" hints: first a name that differs only in case,
 * {@code -} or {@code _} ({@code strip_prefix} for {@code stripPrefix}), else the names within a small edit
 * distance.
 *
 * <pre>{@code
 * Suggestions.hint("timeout", List.of("timeouts", "upstreams"));   // "; did you mean 'timeouts'?"
 * }</pre>
 */
public final class Suggestions {
    private static final int MOST = 3;

    private Suggestions() {
    }

    /**
     * @param wrong the name found
     * @param valid the names allowed here
     * @return the nearest valid names, closest first, at most three
     */
    public static List<String> nearest(String wrong, Collection<String> valid) {
        String folded = fold(wrong);
        List<String> same = valid.stream().filter(name -> fold(name).equals(folded)).toList();
        if (!same.isEmpty()) {
            return same;
        }
        int limit = Math.max(1, Math.min(3, wrong.length() / 3));
        return valid.stream()
                .filter(name -> distance(folded, fold(name)) <= limit)
                .sorted(Comparator.comparingInt((String name) -> distance(folded, fold(name))).thenComparing(n -> n))
                .limit(MOST)
                .toList();
    }

    /**
     * @param wrong the name found
     * @param valid the names allowed here
     * @return {@code "; did you mean 'x'?"}, or the list of valid names when none is near, or empty for none
     */
    public static String hint(String wrong, Collection<String> valid) {
        String near = didYouMean(wrong, valid);
        return !near.isEmpty() || valid.isEmpty() ? near : "; valid here: " + String.join(", ", valid);
    }

    /**
     * @param wrong the name found
     * @param valid the names allowed here
     * @return {@code "; did you mean 'x'?"}, or empty when no valid name is near
     */
    public static String didYouMean(String wrong, Collection<String> valid) {
        List<String> near = nearest(wrong, valid);
        return near.isEmpty() ? ""
                : "; did you mean " + String.join(" or ", near.stream().map(n -> "'" + n + "'").toList()) + "?";
    }

    private static String fold(String name) {
        return name.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    }

    /** Optimal string alignment distance: Levenshtein with a swap of two neighbours counted as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
