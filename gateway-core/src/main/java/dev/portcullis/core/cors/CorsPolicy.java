package dev.portcullis.core.cors;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Which cross-origin callers may use the API. Deny by default: an origin not listed gets no CORS headers, and its
 * preflights a 403. Immutable; {@link Builder#build()} checks the settings.
 *
 * <pre>{@code
 * CorsPolicy policy = CorsPolicy.builder()
 *     .allowedOrigins("https://app.example.com", "https://*.example.com")
 *     .allowedMethods("GET", "POST", "DELETE")
 *     .allowedHeaders("Content-Type", "Authorization")
 *     .exposedHeaders("X-Request-Id")
 *     .allowCredentials(true)
 *     .maxAge(Duration.ofMinutes(10))
 *     .build();
 * }</pre>
 *
 * <p>Defaults: no origin, methods {@code GET, HEAD, POST}, no request headers beyond the CORS-safelisted ones, no
 * exposed headers, no credentials, max-age 5 minutes.
 */
public final class CorsPolicy {
    private final List<OriginPattern> origins;
    private final Set<String> methods;
    private final Set<String> headers;
    private final List<String> exposedHeaders;
    private final boolean allowCredentials;
    private final Duration maxAge;

    private CorsPolicy(Builder b) {
        this.origins = List.copyOf(b.origins);
        this.methods = Collections.unmodifiableSet(new LinkedHashSet<>(b.methods.isEmpty()
                ? List.of("GET", "HEAD", "POST") : b.methods));
        this.headers = Collections.unmodifiableSet(new LinkedHashSet<>(b.headers));
        this.exposedHeaders = List.copyOf(b.exposedHeaders);
        this.allowCredentials = b.allowCredentials;
        this.maxAge = b.maxAge;
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @param origin an {@code Origin} header value @return whether it is allowed */
    public boolean allowsOrigin(String origin) {
        for (OriginPattern pattern : origins) {
            if (pattern.matches(origin)) {
                return true;
            }
        }
        return false;
    }

    /** @return the allowed methods, upper case */
    public Set<String> methods() {
        return methods;
    }

    /** @param header a request header name @return whether a cross-origin request may send it */
    public boolean allowsHeader(String header) {
        return headers.contains(header.trim().toLowerCase(Locale.ROOT));
    }

    /** @return response headers the browser may show to the caller's script */
    public List<String> exposedHeaders() {
        return exposedHeaders;
    }

    /** @return whether cookies and credentials may be sent */
    public boolean allowCredentials() {
        return allowCredentials;
    }

    /** @return how long a browser may cache a preflight answer */
    public Duration maxAge() {
        return maxAge;
    }

    /** Collects the settings of a {@link CorsPolicy}. Not thread-safe. */
    public static final class Builder {
        private final List<OriginPattern> origins = new ArrayList<>();
        private final Set<String> methods = new LinkedHashSet<>();
        private final Set<String> headers = new LinkedHashSet<>();
        private final List<String> exposedHeaders = new ArrayList<>();
        private boolean allowCredentials;
        private Duration maxAge = Duration.ofMinutes(5);

        private Builder() {
        }

        /** @param origins exact origins or {@code scheme://*.domain[:port]} patterns; {@code *} alone is refused @return this builder */
        public Builder allowedOrigins(String... origins) {
            for (String origin : origins) {
                this.origins.add(OriginPattern.parse(Objects.requireNonNull(origin, "allowedOrigins")));
            }
            return this;
        }

        /** @param methods allowed methods, any case @return this builder */
        public Builder allowedMethods(String... methods) {
            for (String method : methods) {
                this.methods.add(Objects.requireNonNull(method, "allowedMethods").toUpperCase(Locale.ROOT));
            }
            return this;
        }

        /** @param headers request header names a caller may send, any case @return this builder */
        public Builder allowedHeaders(String... headers) {
            for (String header : headers) {
                this.headers.add(Objects.requireNonNull(header, "allowedHeaders").toLowerCase(Locale.ROOT));
            }
            return this;
        }

        /** @param headers response header names exposed to the caller @return this builder */
        public Builder exposedHeaders(String... headers) {
            for (String header : headers) {
                exposedHeaders.add(Objects.requireNonNull(header, "exposedHeaders"));
            }
            return this;
        }

        /** @param allow whether credentials are allowed @return this builder */
        public Builder allowCredentials(boolean allow) {
            this.allowCredentials = allow;
            return this;
        }

        /** @param maxAge preflight cache time, zero or more @return this builder */
        public Builder maxAge(Duration maxAge) {
            Objects.requireNonNull(maxAge, "maxAge");
            if (maxAge.isNegative()) {
                throw new IllegalArgumentException("maxAge must not be negative: " + maxAge);
            }
            this.maxAge = maxAge;
            return this;
        }

        /**
         * @return the policy
         * @throws IllegalArgumentException if {@code allowedOrigins} is empty
         */
        public CorsPolicy build() {
            if (origins.isEmpty()) {
                throw new IllegalArgumentException("allowedOrigins must list at least one origin");
            }
            return new CorsPolicy(this);
        }
    }
}
