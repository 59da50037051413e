package dev.portcullis.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An immutable, ordered list of HTTP header fields with case-insensitive names.
 *
 * <p>Every field keeps its position: a name sent several times keeps every value in the order received, which is
 * the order in which they are forwarded. Names keep the spelling they were added with. Values are checked when
 * added: a value containing CR, LF or NUL is refused with {@link IllegalArgumentException}, so a header this
 * library emits can never split a message.
 *
 * <pre>{@code
 * HttpHeaders headers = HttpHeaders.builder()
 *     .add("Accept", "application/json")
 *     .add("Accept", "text/plain")
 *     .build();
 * headers.all("accept");   // [application/json, text/plain]
 * HttpHeaders changed = headers.toBuilder().set("Accept", "*&#47;*").build();
 * }</pre>
 */
public final class HttpHeaders {
    private static final String TOKEN_MARKS = "!#$%&'*+-.^_`|~";
    private static final HttpHeaders EMPTY = new HttpHeaders(new String[0], new String[0]);

    private final String[] names;
    private final String[] values;

    private HttpHeaders(String[] names, String[] values) {
        this.names = names;
        this.values = values;
    }

    /** @return headers with no field */
    public static HttpHeaders empty() {
        return EMPTY;
    }

    /** @return a builder for new headers */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder that starts from these headers */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.names.addAll(Arrays.asList(names));
        builder.values.addAll(Arrays.asList(values));
        return builder;
    }

    /**
     * @param name a header name, any case
     * @return the first value under {@code name}, or empty
     */
    public Optional<String> first(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equalsIgnoreCase(name)) {
                return Optional.of(values[i]);
            }
        }
        return Optional.empty();
    }

    /**
     * @param name a header name, any case
     * @return every value under {@code name}, in order; empty if none
     */
    public List<String> all(String name) {
        List<String> found = new ArrayList<>(2);
        for (int i = 0; i < names.length; i++) {
            if (names[i].equalsIgnoreCase(name)) {
                found.add(values[i]);
            }
        }
        return List.copyOf(found);
    }

    /**
     * @param name a header name, any case
     * @return whether at least one field has this name
     */
    public boolean contains(String name) {
        for (String present : names) {
            if (present.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** @return the distinct names, in order of first appearance, spelled as first added */
    public Set<String> names() {
        Set<String> lowered = new LinkedHashSet<>();
        Set<String> distinct = new LinkedHashSet<>();
        for (String name : names) {
            if (lowered.add(name.toLowerCase(java.util.Locale.ROOT))) {
                distinct.add(name);
            }
        }
        return distinct;
    }

    /**
     * Visits every field in order, one call per value.
     *
     * @param action receives the name and the value
     */
    public void forEach(BiConsumer<String, String> action) {
        for (int i = 0; i < names.length; i++) {
            action.accept(names[i], values[i]);
        }
    }

    /** @return the number of fields (a name with three values counts three) */
    public int size() {
        return names.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HttpHeaders headers
                && Arrays.equals(names, headers.names) && Arrays.equals(values, headers.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(names) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("HttpHeaders{");
        for (int i = 0; i < names.length; i++) {
            text.append(i == 0 ? "" : ", ").append(names[i]).append(": ").append(values[i]);
        }
        return text.append('}').toString();
    }

    /**
     * Checks that a header value can be emitted safely.
     *
     * @param name the header name, for the message
     * @param value the value
     * @return the value
     * @throws IllegalArgumentException if it contains CR, LF or NUL
     */
    public static String requireSafeValue(String name, String value) {
        Objects.requireNonNull(value, "value");
        if (!isSafeValue(value)) {
            throw new IllegalArgumentException("header " + name + " has a value with CR, LF or NUL");
        }
        return value;
    }

    /**
     * @param value a header value
     * @return whether it holds no CR, LF or NUL, so it cannot split or end a header line
     */
    public static boolean isSafeValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == '\0') {
                return false;
            }
        }
        return true;
    }

    /**
     * @param text a method or header name (or a prefix of one)
     * @return whether it is a non-empty RFC 9110 token: ASCII letters, digits and {@code !#$%&'*+-.^_`|~}
     */
    public static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean alnum = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
            if (!alnum && TOKEN_MARKS.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Collects fields for new {@link HttpHeaders}; not thread-safe. */
    public static final class Builder {
        private final List<String> names = new ArrayList<>();
        private final List<String> values = new ArrayList<>();

        private Builder() {
        }

        /**
         * Appends a field after any existing ones of the same name.
         *
         * @param name the name, a non-empty token
         * @param value the value; CR, LF and NUL are refused
         * @return this builder
         */
        public Builder add(String name, String value) {
            names.add(requireName(name));
            values.add(requireSafeValue(name, value));
            return this;
        }

        /**
         * Replaces every field of this name with one field holding {@code value}, at the position of the first.
         *
         * @param name the name
         * @param value the value
         * @return this builder
         */
        public Builder set(String name, String value) {
            requireName(name);
            requireSafeValue(name, value);
            int first = indexOf(name);
            if (first < 0) {
                return add(name, value);
            }
            values.set(first, value);
            for (int i = names.size() - 1; i > first; i--) {
                if (names.get(i).equalsIgnoreCase(name)) {
                    names.remove(i);
                    values.remove(i);
                }
            }
            return this;
        }

        /**
         * Removes every field of this name.
         *
         * @param name the name, any case
         * @return this builder
         */
        public Builder remove(String name) {
            for (int i = names.size() - 1; i >= 0; i--) {
                if (names.get(i).equalsIgnoreCase(name)) {
                    names.remove(i);
                    values.remove(i);
                }
            }
            return this;
        }

        /**
         * @param name a header name
         * @return whether a field of this name has been added
         */
        public boolean contains(String name) {
            return indexOf(name) >= 0;
        }

        /** @return the headers collected so far */
        public HttpHeaders build() {
            if (names.isEmpty()) {
                return EMPTY;
            }
            return new HttpHeaders(names.toArray(new String[0]), values.toArray(new String[0]));
        }

        private int indexOf(String name) {
            for (int i = 0; i < names.size(); i++) {
                if (names.get(i).equalsIgnoreCase(name)) {
                    return i;
                }
            }
            return -1;
        }

        private static String requireName(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("header name is empty");
            }
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (c <= ' ' || c >= 127 || c == ':') {
                    throw new IllegalArgumentException("header name is not a token: " + name);
                }
            }
            return name;
        }
    }
}
