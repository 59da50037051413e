package dev.portcullis.auth.jwt;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import dev.portcullis.api.auth.IdentityProviderCall;
import dev.portcullis.api.auth.IdentityProviderListener;
import dev.portcullis.auth.ClaimsMapping;
import dev.portcullis.auth.internal.JwksCache;
import dev.portcullis.auth.internal.KeyRing;
import dev.portcullis.auth.internal.KeySource;
import dev.portcullis.auth.internal.ProviderCalls;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One trusted token issuer: its exact {@code iss}, its keys, the algorithms it signs with, and the claims its tokens
 * must carry. Immutable; {@link Builder#build()} checks every setting and names the one that is wrong.
 *
 * <p>Keys come from exactly one of: a JWKS URL (cached, refreshed, refetched on an unknown {@code kid} at most once
 * per {@code jwksMinRefetchInterval}), a JWK set file or inline JSON (read once at build), or an HMAC secret of at
 * least 256 bits. Public-key algorithms need a key set, HMAC algorithms a secret, and one issuer never mixes them,
 * so a token cannot make a public key serve as an HMAC secret. {@code jku}, {@code x5u} and {@code jwk} headers are
 * never followed.
 *
 * <pre>{@code
 * JwtIssuer keycloak = JwtIssuer.builder("https://sso.example.com/realms/shop")
 *     .jwksUri(URI.create("https://sso.example.com/realms/shop/protocol/openid-connect/certs"))
 *     .algorithms("RS256")
 *     .audiences("shop-api")
 *     .claimsMapping(ClaimsMapping.builder().rolesClaim("realm_access.roles").build())
 *     .build();
 * }</pre>
 */
public final class JwtIssuer {
    private final String issuer;
    private final URI jwksUri;
    private final KeyRing fixedKeys;
    private final Set<JWSAlgorithm> algorithms;
    private final Set<String> audiences;
    private final Set<String> requiredClaims;
    private final Set<String> requiredTypes;
    private final boolean requireExpiration;
    private final Duration clockSkew;
    private final Duration maxTokenAge;
    private final ClaimsMapping claimsMapping;
    private final Duration connectTimeout;
    private final JwksCache.Settings jwks;
    private final IdentityProviderListener listener;

    private JwtIssuer(Builder b, Set<JWSAlgorithm> algorithms, KeyRing fixedKeys) {
        this.issuer = b.issuer;
        this.jwksUri = b.jwksUri;
        this.fixedKeys = fixedKeys;
        this.algorithms = Set.copyOf(algorithms);
        this.audiences = Set.copyOf(b.audiences);
        this.requiredClaims = Set.copyOf(b.requiredClaims);
        this.requiredTypes = Set.copyOf(b.requiredTypes);
        this.requireExpiration = b.requireExpiration;
        this.clockSkew = b.clockSkew;
        this.maxTokenAge = b.maxTokenAge;
        this.claimsMapping = b.claimsMapping;
        this.connectTimeout = b.connectTimeout;
        this.jwks = new JwksCache.Settings(b.jwksCacheTtl, b.jwksRefreshAhead, b.jwksMinRefetchInterval,
                b.jwksMaxStale, b.readTimeout, b.jwksMaxBytes);
        this.listener = b.listener;
    }

    /** @param issuer the exact {@code iss} value of this issuer's tokens @return a builder */
    public static Builder builder(String issuer) {
        return new Builder(issuer);
    }

    /** @return the exact {@code iss} */
    public String issuer() {
        return issuer;
    }

    Set<JWSAlgorithm> algorithms() {
        return algorithms;
    }

    Set<String> audiences() {
        return audiences;
    }

    Set<String> requiredClaims() {
        return requiredClaims;
    }

    /** @return the accepted {@code typ} values, lower case without {@code application/}; empty: any JWT type */
    Set<String> requiredTypes() {
        return requiredTypes;
    }

    boolean requireExpiration() {
        return requireExpiration;
    }

    Duration clockSkew() {
        return clockSkew;
    }

    Duration maxTokenAge() {
        return maxTokenAge;
    }

    ClaimsMapping claimsMapping() {
        return claimsMapping;
    }

    KeySource keySource(Clock clock) {
        if (fixedKeys != null) {
            return KeySource.fixed(fixedKeys);
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        return new JwksCache(jwksUri, client, jwks, algorithms, clock,
                new ProviderCalls(listener, IdentityProviderCall.Kind.JWKS, issuer));
    }

    /**
     * @param type a {@code typ} header value or a configured type
     * @return it in lower case without a leading {@code application/} (RFC 7515 section 4.1.9)
     */
    static String normalizedType(String type) {
        String lower = type.trim().toLowerCase(Locale.ROOT);
        return lower.startsWith("application/") ? lower.substring("application/".length()) : lower;
    }

    @Override
    public String toString() {
        return "JwtIssuer[" + issuer + ' ' + algorithms + (requiredTypes.isEmpty() ? "" : " typ " + requiredTypes)
                + ']';
    }

    /** Collects the settings of a {@link JwtIssuer}. Not thread-safe. */
    public static final class Builder {
        private final String issuer;
        private URI jwksUri;
        private Path jwkSetFile;
        private String jwkSetJson;
        private byte[] hmacSecret;
        private List<String> algorithms = List.of("RS256");
        private List<String> audiences = List.of();
        private List<String> requiredClaims = List.of();
        private Set<String> requiredTypes = Set.of();
        private boolean requireExpiration = true;
        private Duration clockSkew = Duration.ofSeconds(60);
        private Duration maxTokenAge;
        private ClaimsMapping claimsMapping = ClaimsMapping.defaults();
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Duration readTimeout = Duration.ofSeconds(3);
        private Duration jwksCacheTtl = Duration.ofMinutes(5);
        private Duration jwksRefreshAhead = Duration.ofSeconds(30);
        private Duration jwksMinRefetchInterval = Duration.ofSeconds(30);
        private Duration jwksMaxStale = Duration.ofHours(1);
        private int jwksMaxBytes = 256 * 1024;
        private IdentityProviderListener listener = IdentityProviderListener.NONE;

        private Builder(String issuer) {
            this.issuer = Objects.requireNonNull(issuer, "issuer");
        }

        /** @param uri the JWKS URL (http or https) @return this builder */
        public Builder jwksUri(URI uri) {
            this.jwksUri = Objects.requireNonNull(uri, "jwksUri");
            return this;
        }

        /** @param file a JWK set file, read once at build @return this builder */
        public Builder jwkSetFile(Path file) {
            this.jwkSetFile = Objects.requireNonNull(file, "jwkSetFile");
            return this;
        }

        /** @param json a JWK set as JSON text @return this builder */
        public Builder jwkSetJson(String json) {
            this.jwkSetJson = Objects.requireNonNull(json, "jwkSetJson");
            return this;
        }

        /** @param secret the HMAC secret, at least 256 bits (copied) @return this builder */
        public Builder hmacSecret(byte[] secret) {
            this.hmacSecret = Objects.requireNonNull(secret, "hmacSecret").clone();
            return this;
        }

        /** @param names the allowed JWS algorithms, default {@code RS256}; never {@code none} @return this builder */
        public Builder algorithms(String... names) {
            this.algorithms = List.of(names);
            return this;
        }

        /** @param values accepted audiences; the token's {@code aud} must hold one @return this builder */
        public Builder audiences(String... values) {
            this.audiences = List.of(values);
            return this;
        }

        /** @param names claims every token must carry @return this builder */
        public Builder requiredClaims(String... names) {
            this.requiredClaims = List.of(names);
            return this;
        }

        /**
         * Requires the token's {@code typ} header to be one of these types, as RFC 8725 section 3.11 advises when one
         * issuer signs several kinds of token; e.g. {@code requiredTypes("at+jwt")} accepts only RFC 9068 access
         * tokens, so an ID token of the same issuer is refused. Compared without case and with or without the
         * {@code application/} prefix. Default: none required; a token without {@code typ}, or with {@code JWT} or
         * {@code at+jwt}, is accepted and any other type refused.
         *
         * @param types media types without {@code application/}, e.g. {@code at+jwt}
         * @return this builder
         * @throws IllegalArgumentException naming {@code requiredTypes} when one is blank or not a media type token
         */
        public Builder requiredTypes(String... types) {
            Set<String> normalized = new LinkedHashSet<>();
            for (String type : types) {
                String value = normalizedType(Objects.requireNonNull(type, "requiredTypes"));
                if (!value.matches("[a-z0-9!#$&^_.+-]+")) {
                    throw new IllegalArgumentException("issuer " + issuer + ": requiredTypes: '" + type
                            + "' is not a media type such as at+jwt");
                }
                normalized.add(value);
            }
            this.requiredTypes = normalized;
            return this;
        }

        /** @param require whether {@code exp} is required (default true) @return this builder */
        public Builder requireExpiration(boolean require) {
            this.requireExpiration = require;
            return this;
        }

        /** @param skew tolerance for {@code exp}, {@code nbf}, {@code iat}; default 60 s, at most 5 min @return this builder */
        public Builder clockSkew(Duration skew) {
            this.clockSkew = Objects.requireNonNull(skew, "clockSkew");
            return this;
        }

        /** @param age the oldest {@code iat} accepted; makes {@code iat} required @return this builder */
        public Builder maxTokenAge(Duration age) {
            this.maxTokenAge = Objects.requireNonNull(age, "maxTokenAge");
            return this;
        }

        /** @param mapping how claims become the principal @return this builder */
        public Builder claimsMapping(ClaimsMapping mapping) {
            this.claimsMapping = Objects.requireNonNull(mapping, "claimsMapping");
            return this;
        }

        /** @param connect JWKS connect timeout (2 s) @param read JWKS response timeout (3 s) @return this builder */
        public Builder jwksTimeouts(Duration connect, Duration read) {
            this.connectTimeout = Objects.requireNonNull(connect, "connectTimeout");
            this.readTimeout = Objects.requireNonNull(read, "readTimeout");
            return this;
        }

        /** @param ttl how long keys are kept without a {@code max-age}, default 5 min @return this builder */
        public Builder jwksCacheTtl(Duration ttl) {
            this.jwksCacheTtl = Objects.requireNonNull(ttl, "jwksCacheTtl");
            return this;
        }

        /** @param interval least time between two JWKS fetches, default 30 s @return this builder */
        public Builder jwksMinRefetchInterval(Duration interval) {
            this.jwksMinRefetchInterval = Objects.requireNonNull(interval, "jwksMinRefetchInterval");
            return this;
        }

        /** @param maxStale how long expired keys serve while the JWKS is unreachable, default 1 h @return this builder */
        public Builder jwksMaxStale(Duration maxStale) {
            this.jwksMaxStale = Objects.requireNonNull(maxStale, "jwksMaxStale");
            return this;
        }

        /** @param bytes the largest JWKS response accepted, default 256 KiB @return this builder */
        public Builder jwksMaxBytes(int bytes) {
            this.jwksMaxBytes = bytes;
            return this;
        }

        /**
         * @param listener hears every JWKS fetch (provider: this issuer's {@code iss}), e.g. to count and time them
         *     as metrics; default none. Fixed keys are never fetched
         * @return this builder
         */
        public Builder listener(IdentityProviderListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * @return the issuer
         * @throws IllegalArgumentException naming the setting that is missing, contradictory or unsafe
         */
        public JwtIssuer build() {
            String where = "issuer " + issuer + ": ";
            if (issuer.isBlank()) {
                throw new IllegalArgumentException("issuer must not be blank");
            }
            int sources = (jwksUri != null ? 1 : 0) + (jwkSetFile != null ? 1 : 0) + (jwkSetJson != null ? 1 : 0)
                    + (hmacSecret != null ? 1 : 0);
            if (sources != 1) {
                throw new IllegalArgumentException(where + "set exactly one of jwksUri, jwkSetFile, jwkSetJson, "
                        + "hmacSecret (found " + sources + ")");
            }
            Set<JWSAlgorithm> algs = parseAlgorithms(where);
            boolean hmac = algs.stream().anyMatch(JWSAlgorithm.Family.HMAC_SHA::contains);
            if (hmac != (hmacSecret != null)) {
                throw new IllegalArgumentException(where + "algorithms " + algorithms + (hmac
                        ? " are HMAC algorithms and need hmacSecret" : " are public-key algorithms; hmacSecret "
                        + "needs HS256, HS384 or HS512"));
            }
            checkDurations(where);
            if (jwksUri != null && !List.of("http", "https").contains(String.valueOf(jwksUri.getScheme()))) {
                throw new IllegalArgumentException(where + "jwksUri must be http or https: " + jwksUri);
            }
            return new JwtIssuer(this, algs, fixedKeys(where, algs));
        }

        private Set<JWSAlgorithm> parseAlgorithms(String where) {
            if (algorithms.isEmpty()) {
                throw new IllegalArgumentException(where + "algorithms must not be empty");
            }
            Set<JWSAlgorithm> algs = new LinkedHashSet<>();
            for (String name : algorithms) {
                JWSAlgorithm alg = JWSAlgorithm.parse(Objects.requireNonNull(name, "algorithms"));
                if (!JWSAlgorithm.Family.SIGNATURE.contains(alg) && !JWSAlgorithm.Family.HMAC_SHA.contains(alg)) {
                    throw new IllegalArgumentException(where + "algorithms: '" + name + "' is not a supported JWS "
                            + "signature algorithm ('none' is never allowed)");
                }
                algs.add(alg);
            }
            if (algs.stream().anyMatch(JWSAlgorithm.Family.HMAC_SHA::contains)
                    && algs.stream().anyMatch(JWSAlgorithm.Family.SIGNATURE::contains)) {
                throw new IllegalArgumentException(where + "algorithms must not mix HMAC and public-key algorithms: "
                        + algorithms);
            }
            return algs;
        }

        private void checkDurations(String where) {
            if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(5)) > 0) {
                throw new IllegalArgumentException(where + "clockSkew must be between 0 and 5 minutes: " + clockSkew);
            }
            if (maxTokenAge != null && (maxTokenAge.isNegative() || maxTokenAge.isZero())) {
                throw new IllegalArgumentException(where + "maxTokenAge must be positive");
            }
            for (Duration d : List.of(connectTimeout, readTimeout, jwksCacheTtl, jwksMinRefetchInterval)) {
                if (d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException(where + "JWKS timeouts, jwksCacheTtl and "
                            + "jwksMinRefetchInterval must be positive");
                }
            }
            if (jwksMaxStale.isNegative() || jwksMaxBytes < 256) {
                throw new IllegalArgumentException(where + "jwksMaxStale must not be negative and jwksMaxBytes "
                        + "must be at least 256");
            }
        }

        private KeyRing fixedKeys(String where, Set<JWSAlgorithm> algs) {
            if (hmacSecret != null) {
                int needed = algs.stream().mapToInt(KeyRing::minimumHmacBits).max().orElse(256);
                if (hmacSecret.length * 8 < needed) {
                    throw new IllegalArgumentException(where + "hmacSecret has " + hmacSecret.length * 8
                            + " bits; " + algs + " need at least " + needed);
                }
                return KeyRing.of(new JWKSet(new OctetSequenceKey.Builder(hmacSecret).build()), algs);
            }
            String json = jwkSetJson;
            String setting = "jwkSetJson";
            try {
                if (jwkSetFile != null) {
                    setting = "jwkSetFile";
                    json = Files.readString(jwkSetFile);
                }
                if (json == null) {
                    return null;
                }
                KeyRing ring = KeyRing.of(JWKSet.parse(json), algs);
                if (ring.size() == 0) {
                    throw new IllegalArgumentException(where + setting + " holds no signing key for " + algs);
                }
                return ring;
            } catch (IOException | java.text.ParseException e) {
                throw new IllegalArgumentException(where + setting + " is not a readable JWK set: "
                        + e.getMessage(), e);
            }
        }
    }
}
