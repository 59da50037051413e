package dev.portcullis.core.transform;

import dev.portcullis.api.QueryParameters;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Query parameter edits on the raw query: removed pairs vanish, added pairs are percent-encoded and appended, and
 * every other pair keeps its exact original bytes (nothing is decoded and re-encoded). Immutable.
 *
 * <pre>{@code
 * QueryEdits edits = QueryEdits.builder().remove("debug").add("source", "gateway").build();
 * edits.apply("q=a%2Fb&debug=1");   // "q=a%2Fb&source=gateway"
 * }</pre>
 */
public final class QueryEdits {
    private final Set<String> removed;
    private final Map<String, String> added;

    private QueryEdits(Builder b) {
        this.removed = Set.copyOf(b.removed);
        this.added = new LinkedHashMap<>(b.added);
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return whether these edits change nothing */
    public boolean isEmpty() {
        return removed.isEmpty() && added.isEmpty();
    }

    /**
     * @param rawQuery the raw query without {@code ?}, or null for none
     * @return the edited raw query, or null when no pair is left
     */
    public String apply(String rawQuery) {
        StringBuilder result = new StringBuilder();
        if (rawQuery != null) {
            for (QueryParameters.Pair pair : QueryParameters.parse(rawQuery)) {
                if (!removed.contains(pair.name())) {
                    result.append(result.length() == 0 ? "" : "&").append(pair.raw());
                }
            }
        }
        added.forEach((name, value) -> result.append(result.length() == 0 ? "" : "&")
                .append(encode(name)).append('=').append(encode(value)));
        return result.length() == 0 ? null : result.toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Collects {@link QueryEdits}. Not thread-safe. */
    public static final class Builder {
        private final List<String> removed = new ArrayList<>();
        private final Map<String, String> added = new LinkedHashMap<>();

        private Builder() {
        }

        /** @param name a parameter (decoded name) whose every pair is dropped @return this builder */
        public Builder remove(String name) {
            removed.add(Objects.requireNonNull(name, "name"));
            return this;
        }

        /** @param name a parameter to append @param value its value, encoded on output @return this builder */
        public Builder add(String name, String value) {
            added.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** @return the edits */
        public QueryEdits build() {
            return new QueryEdits(this);
        }
    }
}
