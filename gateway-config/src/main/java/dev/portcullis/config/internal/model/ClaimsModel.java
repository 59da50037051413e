package dev.portcullis.config.internal.model;

import dev.portcullis.config.internal.bind.Doc;
import java.util.List;

/**
 * How claims become the principal ({@code ClaimsMapping}).
 *
 * <pre>{@code
 * claims: {name: sub, scopes: [scope, scp], roles: realm_access.roles}
 * }</pre>
 *
 * @param name the claim naming the subject
 * @param scopes the claims holding scopes
 * @param roles the claim path holding roles
 */
@Doc("How claims become the principal's name, scopes and roles; claim paths may be dotted.")
public record ClaimsModel(
        @Doc("The claim naming the subject, default sub.") String name,
        @Doc("Claims holding scopes, first non-empty wins; default [scope, scp].") List<String> scopes,
        @Doc("The claim or dotted path holding roles, e.g. realm_access.roles; default none.") String roles) {
}
