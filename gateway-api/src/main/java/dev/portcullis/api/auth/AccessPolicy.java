package dev.portcullis.api.auth;

import dev.portcullis.api.AttributeKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Who may call a route: anyone, any authenticated principal, or principals with given scopes, roles or claims.
 * Immutable. Attach it to a route as metadata under {@link #KEY}; the {@link Authorization} stage enforces it, and
 * uses its default policy for routes without one and for requests that go to the servlet application.
 *
 * <pre>{@code
 * Route.builder("orders").path("/orders/**").upstream("http://127.0.0.1:9001")
 *     .metadata(AccessPolicy.KEY, AccessPolicy.scopesAnyOf("orders:read", "orders:admin")
 *         .and(AccessPolicy.claim("tenant is acme", p -> "acme".equals(p.claims().get("tenant")))))
 *     .build();
 * }</pre>
 */
public final class AccessPolicy {
    /** The route metadata key. */
    public static final AttributeKey<AccessPolicy> KEY = AttributeKey.of("access-policy", AccessPolicy.class);

    private static final AccessPolicy ANONYMOUS = new AccessPolicy(true, List.of());
    private static final AccessPolicy AUTHENTICATED = new AccessPolicy(false, List.of());

    private final boolean anonymous;
    private final List<Requirement> requirements;

    private AccessPolicy(boolean anonymous, List<Requirement> requirements) {
        this.anonymous = anonymous;
        this.requirements = List.copyOf(requirements);
    }

    /** @return a policy that lets every request through, with or without a principal */
    public static AccessPolicy anonymous() {
        return ANONYMOUS;
    }

    /** @return a policy that needs a principal, with no further rights */
    public static AccessPolicy authenticated() {
        return AUTHENTICATED;
    }

    /** @param scopes acceptable scopes @return a policy that needs at least one of them */
    public static AccessPolicy scopesAnyOf(String... scopes) {
        Set<String> wanted = nonEmpty("scopes", scopes);
        return require(new Requirement("one of the scopes " + wanted, String.join(" ", wanted),
                p -> p.scopes().stream().anyMatch(wanted::contains)));
    }

    /** @param scopes required scopes @return a policy that needs every one of them */
    public static AccessPolicy scopesAllOf(String... scopes) {
        Set<String> wanted = nonEmpty("scopes", scopes);
        return require(new Requirement("all of the scopes " + wanted, String.join(" ", wanted),
                p -> p.scopes().containsAll(wanted)));
    }

    /** @param roles acceptable roles @return a policy that needs at least one of them */
    public static AccessPolicy rolesAnyOf(String... roles) {
        Set<String> wanted = nonEmpty("roles", roles);
        return require(new Requirement("one of the roles " + wanted, "",
                p -> p.roles().stream().anyMatch(wanted::contains)));
    }

    /** @param roles required roles @return a policy that needs every one of them */
    public static AccessPolicy rolesAllOf(String... roles) {
        Set<String> wanted = nonEmpty("roles", roles);
        return require(new Requirement("all of the roles " + wanted, "", p -> p.roles().containsAll(wanted)));
    }

    /**
     * @param description what the predicate demands, shown to the client when it fails
     * @param predicate a thread-safe, cheap test of the principal (usually of its claims)
     * @return a policy that needs the predicate to hold
     */
    public static AccessPolicy claim(String description, Predicate<GatewayPrincipal> predicate) {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(predicate, "predicate");
        return require(new Requirement(description, "", predicate));
    }

    /**
     * @param other another policy
     * @return a policy that needs both this one and {@code other}; anonymous only if both are
     */
    public AccessPolicy and(AccessPolicy other) {
        Objects.requireNonNull(other, "other");
        List<Requirement> all = new ArrayList<>(requirements);
        all.addAll(other.requirements);
        return new AccessPolicy(anonymous && other.anonymous, all);
    }

    /** @return whether requests without a principal may pass */
    public boolean allowsAnonymous() {
        return anonymous;
    }

    /**
     * @param principal the authenticated principal
     * @return the first requirement the principal does not meet, or null when it meets them all
     */
    Requirement firstUnmet(GatewayPrincipal principal) {
        for (Requirement requirement : requirements) {
            if (!requirement.test().test(principal)) {
                return requirement;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        if (anonymous) {
            return "AccessPolicy[anonymous]";
        }
        List<String> text = new ArrayList<>();
        requirements.forEach(r -> text.add(r.description()));
        return "AccessPolicy[authenticated" + (text.isEmpty() ? "" : ", " + String.join(", ", text)) + ']';
    }

    private static AccessPolicy require(Requirement requirement) {
        return new AccessPolicy(false, List.of(requirement));
    }

    private static Set<String> nonEmpty(String setting, String... values) {
        Objects.requireNonNull(values, setting);
        if (values.length == 0) {
            throw new IllegalArgumentException(setting + " must not be empty");
        }
        Set<String> set = new java.util.LinkedHashSet<>();
        for (String value : values) {
            if (Objects.requireNonNull(value, setting).isBlank() || value.contains(" ")) {
                throw new IllegalArgumentException(setting + " must be non-blank tokens without spaces: '" + value + "'");
            }
            set.add(value);
        }
        return set;
    }

    /** One condition on a principal; {@code scope} is the scope list for the 403 challenge, or empty. */
    record Requirement(String description, String scope, Predicate<GatewayPrincipal> test) {
    }
}
