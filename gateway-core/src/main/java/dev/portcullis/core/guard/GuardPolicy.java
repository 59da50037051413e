package dev.portcullis.core.guard;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The cheap checks {@link RequestGuards} applies before any body byte is read: sizes, methods, content types and
 * required headers and query parameters. Immutable; build once, share freely. Set it per route with
 * {@code Route.builder(..).metadata(RequestGuards.POLICY, policy)}; routes without one use the guards' defaults.
 *
 * <pre>{@code
 * GuardPolicy orders = GuardPolicy.builder()
 *     .maxBodyBytes(64 * 1024)
 *     .allowedMethods("GET", "POST")
 *     .allowedContentTypes("application/json", "application/*+json")
 *     .requireHeader("X-Tenant", ValueCheck.pattern("[a-z0-9-]{1,32}"))
 *     .requireQueryParam("version", ValueCheck.integer())
 *     .build();
 * }</pre>
 *
 * <p>Defaults: body up to 10 MiB, any method, any content type, URI up to 8 KiB, header section up to 16 KiB, nothing
 * required.
 */
public final class GuardPolicy {
    private final long maxBodyBytes;
    private final Set<String> allowedMethods;
    private final List<MediaRange> allowedContentTypes;
    private final int maxUriLength;
    private final int maxHeaderBytes;
    private final Map<String, ValueCheck> requiredHeaders;
    private final Map<String, ValueCheck> requiredQueryParams;

    private GuardPolicy(Builder b) {
        this.maxBodyBytes = b.maxBodyBytes;
        this.allowedMethods = Collections.unmodifiableSet(new LinkedHashSet<>(b.allowedMethods));
        this.allowedContentTypes = List.copyOf(b.allowedContentTypes);
        this.maxUriLength = b.maxUriLength;
        this.maxHeaderBytes = b.maxHeaderBytes;
        this.requiredHeaders = Collections.unmodifiableMap(new LinkedHashMap<>(b.requiredHeaders));
        this.requiredQueryParams = Collections.unmodifiableMap(new LinkedHashMap<>(b.requiredQueryParams));
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the default policy */
    public static GuardPolicy defaults() {
        return builder().build();
    }

    /** @return the largest body accepted, declared or streamed */
    public long maxBodyBytes() {
        return maxBodyBytes;
    }

    /** @return the methods accepted, upper case; empty means any */
    public Set<String> allowedMethods() {
        return allowedMethods;
    }

    /** @return whether a media type (parameters ignored) is accepted; always true when no type is configured */
    public boolean acceptsContentType(String contentType) {
        if (allowedContentTypes.isEmpty()) {
            return true;
        }
        for (MediaRange range : allowedContentTypes) {
            if (range.includes(contentType)) {
                return true;
            }
        }
        return false;
    }

    /** @return the longest request target (path and query) accepted, in characters */
    public int maxUriLength() {
        return maxUriLength;
    }

    /** @return the largest header section accepted: the sum of name, value and 4 bytes per field */
    public int maxHeaderBytes() {
        return maxHeaderBytes;
    }

    /** @return the headers that must be present, with their checks */
    public Map<String, ValueCheck> requiredHeaders() {
        return requiredHeaders;
    }

    /** @return the query parameters that must be present, with their checks */
    public Map<String, ValueCheck> requiredQueryParams() {
        return requiredQueryParams;
    }

    /** Collects the settings of a {@link GuardPolicy}; {@link #build()} validates them. Not thread-safe. */
    public static final class Builder {
        private long maxBodyBytes = 10L * 1024 * 1024;
        private final Set<String> allowedMethods = new LinkedHashSet<>();
        private final List<MediaRange> allowedContentTypes = new ArrayList<>();
        private int maxUriLength = 8 * 1024;
        private int maxHeaderBytes = 16 * 1024;
        private final Map<String, ValueCheck> requiredHeaders = new LinkedHashMap<>();
        private final Map<String, ValueCheck> requiredQueryParams = new LinkedHashMap<>();

        private Builder() {
        }

        /** @param bytes the largest body accepted, at least 0 @return this builder */
        public Builder maxBodyBytes(long bytes) {
            this.maxBodyBytes = bytes;
            return this;
        }

        /** @param methods the methods accepted, any case @return this builder */
        public Builder allowedMethods(String... methods) {
            for (String method : methods) {
                Objects.requireNonNull(method, "allowedMethods");
                if (!method.matches("[A-Za-z]+")) {
                    throw new IllegalArgumentException("allowedMethods: not a method: " + method);
                }
                allowedMethods.add(method.toUpperCase(Locale.ROOT));
            }
            return this;
        }

        /** @param types media types or ranges ({@code application/json}, {@code text/*}, {@code application/*+json}) @return this builder */
        public Builder allowedContentTypes(String... types) {
            for (String type : types) {
                allowedContentTypes.add(MediaRange.parse(Objects.requireNonNull(type, "allowedContentTypes")));
            }
            return this;
        }

        /** @param characters the longest path and query accepted, at least 1 @return this builder */
        public Builder maxUriLength(int characters) {
            this.maxUriLength = characters;
            return this;
        }

        /** @param bytes the largest header section accepted, at least 1 @return this builder */
        public Builder maxHeaderBytes(int bytes) {
            this.maxHeaderBytes = bytes;
            return this;
        }

        /** @param name a header that must be present @param check what each of its values must satisfy @return this builder */
        public Builder requireHeader(String name, ValueCheck check) {
            requiredHeaders.put(Objects.requireNonNull(name, "requireHeader"), Objects.requireNonNull(check, "check"));
            return this;
        }

        /** @param name a query parameter that must be present @param check what each of its values must satisfy @return this builder */
        public Builder requireQueryParam(String name, ValueCheck check) {
            requiredQueryParams.put(Objects.requireNonNull(name, "requireQueryParam"),
                    Objects.requireNonNull(check, "check"));
            return this;
        }

        /**
         * @return the policy
         * @throws IllegalArgumentException naming the setting that is out of range
         */
        public GuardPolicy build() {
            if (maxBodyBytes < 0) {
                throw new IllegalArgumentException("maxBodyBytes must not be negative: " + maxBodyBytes);
            }
            if (maxUriLength < 1) {
                throw new IllegalArgumentException("maxUriLength must be at least 1: " + maxUriLength);
            }
            if (maxHeaderBytes < 1) {
                throw new IllegalArgumentException("maxHeaderBytes must be at least 1: " + maxHeaderBytes);
            }
            return new GuardPolicy(this);
        }
    }
}
