package dev.portcullis.test.jwt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.test.internal.OptionalDependency;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Mints signed JWTs (compact JWS) for tests: choose the claims, then {@linkplain Builder#signWith(SigningKey) sign}
 * with an {@code RS256}, {@code ES256} or {@code HS256} {@link SigningKey}. The header carries the key's algorithm
 * and {@code kid} and {@code typ: JWT} unless {@linkplain Builder#type(String) changed}. Times are whole seconds:
 * {@code iat} is the clock's now, {@code exp} five minutes later, unless set. Needs Nimbus JOSE+JWT on the test
 * classpath (gateway-auth brings it).
 *
 * <pre>{@code
 * String token = Jwt.builder(clock)
 *     .issuer("https://idp.test").subject("alice").audience("shop-api")
 *     .scope("orders:read orders:write")
 *     .claim("tenant", "acme")
 *     .signWith(key);
 * String expired = Jwt.builder(clock).issuer("https://idp.test").subject("alice")
 *     .issuedAt(clock.instant().minusSeconds(600)).expiresAt(clock.instant().minusSeconds(300)).signWith(key);
 * }</pre>
 */
public final class Jwt {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LIFETIME = Duration.ofMinutes(5);

    private Jwt() {
    }

    /** @return a builder whose {@code iat} is now by the system clock */
    public static Builder builder() {
        return builder(Clock.systemUTC());
    }

    /** @param clock the clock whose now is {@code iat}, e.g. the gateway's fake clock @return a builder */
    public static Builder builder(Clock clock) {
        return new Builder(Objects.requireNonNull(clock, "clock").instant());
    }

    /** Collects the claims and header of one token. Not thread-safe. */
    public static final class Builder {
        private final Map<String, Object> claims = new LinkedHashMap<>();
        private Instant issuedAt;
        private Instant expiresAt;
        private boolean expires = true;
        private String type = "JWT";

        private Builder(Instant now) {
            this.issuedAt = now;
        }

        /** @param issuer the {@code iss} claim @return this builder */
        public Builder issuer(String issuer) {
            return claim("iss", issuer);
        }

        /** @param subject the {@code sub} claim @return this builder */
        public Builder subject(String subject) {
            return claim("sub", subject);
        }

        /** @param audiences the {@code aud} claim: one string, or an array for several @return this builder */
        public Builder audience(String... audiences) {
            return claim("aud", audiences.length == 1 ? audiences[0] : List.of(audiences));
        }

        /** @param scopes the {@code scope} claim, space-separated (RFC 8693) @return this builder */
        public Builder scope(String scopes) {
            return claim("scope", scopes);
        }

        /** @param id the {@code jti} claim @return this builder */
        public Builder id(String id) {
            return claim("jti", id);
        }

        /** @param at the {@code iat} claim, default the clock's now @return this builder */
        public Builder issuedAt(Instant at) {
            this.issuedAt = Objects.requireNonNull(at, "issuedAt");
            return this;
        }

        /** @param at the {@code exp} claim, default five minutes after {@code iat} @return this builder */
        public Builder expiresAt(Instant at) {
            this.expiresAt = Objects.requireNonNull(at, "expiresAt");
            this.expires = true;
            return this;
        }

        /** @return this builder, for a token without {@code exp} */
        public Builder withoutExpiry() {
            this.expires = false;
            return this;
        }

        /** @param at the {@code nbf} claim @return this builder */
        public Builder notBefore(Instant at) {
            return claim("nbf", at.getEpochSecond());
        }

        /**
         * @param name a claim
         * @param value a string, number, boolean, or a list or map of those (an {@link Instant} is written as epoch
         *     seconds), e.g. {@code Map.of("roles", List.of("admin"))} for {@code realm_access}
         * @return this builder
         */
        public Builder claim(String name, Object value) {
            Objects.requireNonNull(value, name);
            claims.put(Objects.requireNonNull(name, "name"),
                    value instanceof Instant instant ? instant.getEpochSecond() : value);
            return this;
        }

        /** @param type the {@code typ} header, e.g. {@code at+jwt} (RFC 9068); default {@code JWT} @return this */
        public Builder type(String type) {
            this.type = type;
            return this;
        }

        /**
         * @param key the key; its algorithm and {@code kid} go into the header
         * @return the signed token, compact serialization
         * @throws IllegalStateException naming the artifact when Nimbus JOSE+JWT is not on the classpath
         */
        public String signWith(SigningKey key) {
            Objects.requireNonNull(key, "key");
            OptionalDependency.requireNimbus();
            Map<String, Object> payload = new LinkedHashMap<>(claims);
            payload.putIfAbsent("iat", issuedAt.getEpochSecond());
            if (expires) {
                payload.putIfAbsent("exp", (expiresAt == null ? issuedAt.plus(LIFETIME) : expiresAt).getEpochSecond());
            }
            try {
                return key.sign(type, JSON.writeValueAsString(payload));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("a claim value cannot be written as JSON: " + e.getMessage(), e);
            }
        }
    }
}
