package dev.portcullis.api.auth;

import dev.portcullis.api.AttributeKey;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Who made a request, as established by an authenticator: a subject name, the scopes and roles granted, the claims
 * the credential carried, which authenticator vouched for it and, for tokens, which issuer. Immutable.
 *
 * <p>A subject name is unique only within its issuer: two identity providers may both have a user {@code 42}. Code
 * that keys on the principal (rate limits, caches, upstream headers) should use the issuer too.
 *
 * <p>The authentication stage stores it under {@link #ATTRIBUTE}; later interceptors read it there, and the filter
 * exposes it to the servlet application as {@code request.getUserPrincipal()} and {@code isUserInRole(role)}.
 *
 * <pre>{@code
 * GatewayPrincipal alice = GatewayPrincipal.builder("alice", "api-key")
 *     .scopes(Set.of("orders:read")).roles(Set.of("admin")).build();
 * chain.request().attribute(GatewayPrincipal.ATTRIBUTE).map(GatewayPrincipal::name);
 * }</pre>
 */
public final class GatewayPrincipal implements Principal {
    /** The authenticated principal of a request, set by the authentication stage. */
    public static final AttributeKey<GatewayPrincipal> ATTRIBUTE =
            AttributeKey.of("principal", GatewayPrincipal.class);

    private final String name;
    private final String authenticator;
    private final String issuer;
    private final Set<String> scopes;
    private final Set<String> roles;
    private final Map<String, Object> claims;

    private GatewayPrincipal(Builder b) {
        this.name = b.name;
        this.authenticator = b.authenticator;
        this.issuer = b.issuer;
        this.scopes = Set.copyOf(b.scopes);
        this.roles = Set.copyOf(b.roles);
        this.claims = frozenMap(b.claims);
    }

    /** Deep copy: nested JSON objects and arrays become unmodifiable copies, so a shared principal cannot change. */
    private static Map<String, Object> frozenMap(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(String.valueOf(key), frozen(value)));
        return Collections.unmodifiableMap(copy);
    }

    private static Object frozen(Object value) {
        if (value instanceof Map<?, ?> map) {
            return frozenMap(map);
        }
        if (value instanceof Collection<?> values) {
            List<Object> copy = new ArrayList<>(values.size());
            values.forEach(v -> copy.add(frozen(v)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }

    /**
     * @param name the subject, e.g. a JWT's {@code sub}
     * @param authenticator the name of the authenticator that established it, e.g. {@code jwt}
     * @return a builder
     */
    public static Builder builder(String name, String authenticator) {
        return new Builder(name, authenticator);
    }

    /** @return the subject */
    @Override
    public String getName() {
        return name;
    }

    /** @return the subject; same as {@link #getName()} */
    public String name() {
        return name;
    }

    /** @return the name of the authenticator that established this principal */
    public String authenticator() {
        return authenticator;
    }

    /** @return the issuer that vouched for the subject (a JWT's {@code iss}), empty when the credential has none */
    public java.util.Optional<String> issuer() {
        return java.util.Optional.ofNullable(issuer);
    }

    /** @return the granted scopes */
    public Set<String> scopes() {
        return scopes;
    }

    /** @return the granted roles */
    public Set<String> roles() {
        return roles;
    }

    /**
     * @return the credential's claims (JSON-friendly values), empty when it had none; nested objects and arrays are
     *     unmodifiable copies too (as maps and lists)
     */
    public Map<String, Object> claims() {
        return claims;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GatewayPrincipal p && p.name.equals(name) && p.authenticator.equals(authenticator)
                && Objects.equals(p.issuer, issuer) && p.scopes.equals(scopes) && p.roles.equals(roles) && p.claims.equals(claims);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, authenticator, issuer, scopes, roles);
    }

    @Override
    public String toString() {
        return "GatewayPrincipal[" + name + " via " + authenticator + (issuer == null ? "" : " from " + issuer) + ']';
    }

    /** Collects the values of a {@link GatewayPrincipal}. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private final String authenticator;
        private String issuer;
        private Set<String> scopes = Set.of();
        private Set<String> roles = Set.of();
        private Map<String, Object> claims = Map.of();

        private Builder(String name, String authenticator) {
            this.name = Objects.requireNonNull(name, "name");
            this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        }

        /** @param issuer who vouched for the subject, e.g. a JWT's {@code iss} @return this builder */
        public Builder issuer(String issuer) {
            this.issuer = Objects.requireNonNull(issuer, "issuer");
            return this;
        }

        /** @param scopes the granted scopes @return this builder */
        public Builder scopes(Set<String> scopes) {
            this.scopes = Objects.requireNonNull(scopes, "scopes");
            return this;
        }

        /** @param roles the granted roles @return this builder */
        public Builder roles(Set<String> roles) {
            this.roles = Objects.requireNonNull(roles, "roles");
            return this;
        }

        /** @param claims the credential's claims @return this builder */
        public Builder claims(Map<String, Object> claims) {
            this.claims = Objects.requireNonNull(claims, "claims");
            return this;
        }

        /** @return the principal */
        public GatewayPrincipal build() {
            return new GatewayPrincipal(this);
        }
    }
}
