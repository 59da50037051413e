package dev.portcullis.core.transform;

import dev.portcullis.api.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * An ordered list of header edits (add, set, remove, rename), applied to request or response headers alike.
 * Immutable; values are checked for CR, LF and NUL when the edit is declared.
 *
 * <pre>{@code
 * HeaderEdits edits = HeaderEdits.builder()
 *     .remove("X-Debug")
 *     .rename("X-User", "X-Upstream-User")
 *     .set("X-Gateway", "portcullis")
 *     .add("Via", "1.1 portcullis")
 *     .build();
 * HttpHeaders changed = edits.apply(headers);
 * }</pre>
 */
public final class HeaderEdits {
    private static final HeaderEdits NONE = new HeaderEdits(List.of());

    private final List<UnaryOperator<HttpHeaders.Builder>> edits;

    private HeaderEdits(List<UnaryOperator<HttpHeaders.Builder>> edits) {
        this.edits = List.copyOf(edits);
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return edits that change nothing */
    public static HeaderEdits none() {
        return NONE;
    }

    /** @param headers the headers @return the headers after every edit, in order */
    public HttpHeaders apply(HttpHeaders headers) {
        if (edits.isEmpty()) {
            return headers;
        }
        HttpHeaders.Builder builder = headers.toBuilder();
        edits.forEach(edit -> edit.apply(builder));
        return builder.build();
    }

    /** Collects {@link HeaderEdits}. Not thread-safe. */
    public static final class Builder {
        private final List<UnaryOperator<HttpHeaders.Builder>> edits = new ArrayList<>();

        private Builder() {
        }

        /** @param name a header @param value appended after existing values @return this builder */
        public Builder add(String name, String value) {
            check(name, value);
            edits.add(b -> b.add(name, value));
            return this;
        }

        /** @param name a header @param value replaces every existing value @return this builder */
        public Builder set(String name, String value) {
            check(name, value);
            edits.add(b -> b.set(name, value));
            return this;
        }

        /** @param name a header to drop entirely @return this builder */
        public Builder remove(String name) {
            check(name, "");
            edits.add(b -> b.remove(name));
            return this;
        }

        /**
         * Moves a header to a new name. Any {@code to} already present (a client could have sent it) is dropped
         * first, so the result carries exactly the values of {@code from}, in order, or no {@code to} at all.
         *
         * @param from a header
         * @param to its new name
         * @return this builder
         */
        public Builder rename(String from, String to) {
            check(from, "");
            check(to, "");
            edits.add(b -> {
                List<String> values = b.build().all(from);
                b.remove(from);
                b.remove(to);
                values.forEach(value -> b.add(to, value));
                return b;
            });
            return this;
        }

        /** @return the edits */
        public HeaderEdits build() {
            return new HeaderEdits(edits);
        }

        private static void check(String name, String value) {
            Objects.requireNonNull(name, "name");
            HttpHeaders.builder().add(name, value);
        }
    }
}
