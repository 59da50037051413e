package dev.portcullis.auth;

import dev.portcullis.api.auth.GatewayPrincipal;
import dev.portcullis.auth.internal.ClaimPath;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How claims become a {@link GatewayPrincipal}: which claim names the subject, which hold scopes, which hold roles.
 * Immutable.
 *
 * <p>Defaults: name from {@code sub}; scopes from {@code scope} (a space-separated string or an array) and, if
 * absent, {@code scp}; no roles. A claim path may be dotted into nested objects.
 *
 * <pre>{@code
 * ClaimsMapping keycloak = ClaimsMapping.builder().rolesClaim("realm_access.roles").build();
 * ClaimsMapping auth0 = ClaimsMapping.builder().rolesClaim("https://example.com/roles").build();
 * }</pre>
 */
public final class ClaimsMapping {
    private static final ClaimsMapping DEFAULTS = builder().build();

    private final ClaimPath name;
    private final List<ClaimPath> scopes;
    private final ClaimPath roles;

    private ClaimsMapping(Builder b) {
        this.name = ClaimPath.parse(b.name, "nameClaim");
        this.scopes = b.scopes.stream().map(s -> ClaimPath.parse(s, "scopeClaims")).toList();
        this.roles = b.roles == null ? null : ClaimPath.parse(b.roles, "rolesClaim");
    }

    /** @return the default mapping */
    public static ClaimsMapping defaults() {
        return DEFAULTS;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param claims the verified claims
     * @param authenticator the authenticator's name
     * @param issuer who vouched for the claims
     * @return the principal, or empty when the name claim is missing or does not hold exactly one string; an
     *     authenticator answers that with 401 {@code invalid_token}
     */
    public Optional<GatewayPrincipal> principal(Map<String, Object> claims, String authenticator, String issuer) {
        List<String> subject = ClaimPath.strings(name.read(claims), false);
        if (subject.size() != 1) {
            return Optional.empty();
        }
        Set<String> granted = new LinkedHashSet<>();
        for (ClaimPath path : scopes) {
            granted.addAll(ClaimPath.strings(path.read(claims), true));
            if (!granted.isEmpty()) {
                break;
            }
        }
        Set<String> roleSet = roles == null ? Set.of() : new LinkedHashSet<>(ClaimPath.strings(roles.read(claims), false));
        return Optional.of(GatewayPrincipal.builder(subject.get(0), authenticator).issuer(issuer)
                .scopes(granted).roles(roleSet).claims(claims).build());
    }

    /** @return a client-safe reason for a principal that cannot be built: the name claim is unusable */
    public String missingNameReason() {
        return "The token has no usable '" + name + "' claim.";
    }

    /** Collects the settings of a {@link ClaimsMapping}. Not thread-safe. */
    public static final class Builder {
        private String name = "sub";
        private List<String> scopes = List.of("scope", "scp");
        private String roles;

        private Builder() {
        }

        /** @param claim the claim naming the subject, default {@code sub} @return this builder */
        public Builder nameClaim(String claim) {
            this.name = Objects.requireNonNull(claim, "nameClaim");
            return this;
        }

        /** @param claims claims holding scopes, first non-empty wins; default {@code scope, scp} @return this builder */
        public Builder scopeClaims(String... claims) {
            this.scopes = List.of(claims);
            return this;
        }

        /** @param path claim or dotted path holding roles, e.g. {@code realm_access.roles} @return this builder */
        public Builder rolesClaim(String path) {
            this.roles = Objects.requireNonNull(path, "rolesClaim");
            return this;
        }

        /** @return the mapping @throws IllegalArgumentException naming a malformed claim path */
        public ClaimsMapping build() {
            return new ClaimsMapping(this);
        }
    }
}
