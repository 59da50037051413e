package dev.portcullis.config.internal.model;

import dev.portcullis.config.internal.bind.Doc;
import dev.portcullis.config.internal.bind.Shorthand;
import java.util.List;
import java.util.Map;

/**
 * An access policy ({@code AccessPolicy}): {@code anonymous}, {@code authenticated}, or requirements that all must
 * hold.
 *
 * <pre>{@code
 * access: anonymous
 * access: {scopesAnyOf: [orders:read, orders:admin], claims: {tenant: acme}}
 * }</pre>
 *
 * @param require anonymous or authenticated
 * @param scopesAnyOf at least one of these scopes
 * @param scopesAllOf all of these scopes
 * @param rolesAnyOf at least one of these roles
 * @param rolesAllOf all of these roles
 * @param claims claims that must have these values
 */
@Doc("Who may call: anonymous, authenticated, or a principal meeting every listed requirement.")
public record AccessModel(
        @Doc("anonymous lets everyone through; authenticated (the default) needs a principal.") @Shorthand
        Level require,
        @Doc("The principal needs at least one of these scopes.") List<String> scopesAnyOf,
        @Doc("The principal needs all of these scopes.") List<String> scopesAllOf,
        @Doc("The principal needs at least one of these roles.") List<String> rolesAnyOf,
        @Doc("The principal needs all of these roles.") List<String> rolesAllOf,
        @Doc("Claim name -> the value the principal's claim must equal.") Map<String, String> claims) {

    /** Whether a principal is needed at all. */
    public enum Level {
        /** {@code AccessPolicy.anonymous()}. */
        ANONYMOUS,
        /** {@code AccessPolicy.authenticated()}. */
        AUTHENTICATED
    }
}
