package dev.portcullis.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An error the gateway answers with itself, rendered as {@code application/problem+json} (RFC 9457).
 *
 * <p>{@link #type()} is a stable URI a client can branch on (see {@link ProblemTypes}); {@link #title()} is the
 * short, fixed summary of that type; {@link #detail()} explains this occurrence in words safe to show a client. The
 * renderer adds the request id, so no interceptor has to. A detail must never carry a stack trace, an upstream host
 * name or a secret.
 *
 * <pre>{@code
 * Problem p = Problem.builder(ProblemTypes.FORBIDDEN, 403, "Forbidden")
 *     .detail("Your address is not allowed to call this route.")
 *     .build();
 * return CompletableFuture.completedFuture(GatewayResponse.problem(p));
 * }</pre>
 *
 * <p>Extension members ({@link #extensions()}) must be JSON-friendly: strings, numbers, booleans, and lists or maps
 * of those.
 */
public final class Problem {
    private final String type;
    private final int status;
    private final String title;
    private final String detail;
    private final Map<String, Object> extensions;

    private Problem(Builder b) {
        this.type = Objects.requireNonNull(b.type, "type");
        this.title = Objects.requireNonNull(b.title, "title");
        this.status = b.status;
        this.detail = b.detail;
        this.extensions = Collections.unmodifiableMap(new LinkedHashMap<>(b.extensions));
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("problem status must be 4xx or 5xx: " + status);
        }
    }

    /**
     * @param type the problem type URI
     * @param status the HTTP status, 400 to 599
     * @param title the fixed summary of the type
     * @return a builder
     */
    public static Builder builder(String type, int status, String title) {
        return new Builder(type, status, title);
    }

    /** @return the problem type URI */
    public String type() {
        return type;
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return the summary of the type */
    public String title() {
        return title;
    }

    /** @return what went wrong this time, or empty */
    public Optional<String> detail() {
        return Optional.ofNullable(detail);
    }

    /** @return extension members, in insertion order; never contains the standard member names */
    public Map<String, Object> extensions() {
        return extensions;
    }

    @Override
    public String toString() {
        return "Problem[" + status + ' ' + type + (detail == null ? "" : ": " + detail) + ']';
    }

    /** Collects the members of a {@link Problem}. Not thread-safe. */
    public static final class Builder {
        private static final java.util.Set<String> RESERVED =
                java.util.Set.of("type", "title", "status", "detail", "instance", "requestId");
        private final String type;
        private final int status;
        private final String title;
        private String detail;
        private final Map<String, Object> extensions = new LinkedHashMap<>();

        private Builder(String type, int status, String title) {
            this.type = type;
            this.status = status;
            this.title = title;
        }

        /** @param detail a client-safe explanation of this occurrence @return this builder */
        public Builder detail(String detail) {
            this.detail = detail;
            return this;
        }

        /**
         * @param name an extension member name other than the standard ones
         * @param value a JSON-friendly value
         * @return this builder
         */
        public Builder extension(String name, Object value) {
            if (RESERVED.contains(name)) {
                throw new IllegalArgumentException("'" + name + "' is a standard problem member, not an extension");
            }
            extensions.put(name, Objects.requireNonNull(value, "value"));
            return this;
        }

        /** @return the problem */
        public Problem build() {
            return new Problem(this);
        }
    }
}
