package dev.portcullis.config.internal.model;

import dev.portcullis.config.internal.bind.Doc;
import java.util.Map;

/**
 * The {@code claimHeaders} stage ({@code ClaimHeaders}).
 *
 * <pre>{@code
 * claimHeaders:
 *   headers: {X-User-Id: sub, X-User-Issuer: iss}
 *   scopesHeader: X-User-Scopes
 * }</pre>
 *
 * @param headers header to claim path
 * @param scopesHeader the header carrying scopes
 * @param rolesHeader the header carrying roles
 * @param defaultRelay what routes without credentialRelay do
 */
@Doc("The principal's claims as upstream request headers; client-sent copies are always removed.")
public record ClaimHeadersModel(
        @Doc("Header -> the claim (or dotted path) it carries.") Map<String, String> headers,
        @Doc("A header carrying the principal's scopes, space-separated.") String scopesHeader,
        @Doc("A header carrying the principal's roles, comma-separated.") String rolesHeader,
        @Doc("strip (the default) or relay: what happens to Authorization on routes without credentialRelay.")
        RouteModel.Relay defaultRelay) {
}
