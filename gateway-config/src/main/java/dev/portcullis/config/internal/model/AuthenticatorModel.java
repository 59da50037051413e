package dev.portcullis.config.internal.model;

import dev.portcullis.config.internal.bind.Doc;
import dev.portcullis.config.internal.bind.ExactlyOne;

/**
 * One named authenticator: JWT, introspection or API keys.
 *
 * <pre>{@code
 * authenticators:
 *   staff: {jwt: {issuers: [{issuer: "https://idp.example/realms/staff", jwksUri: "https://idp.example/jwks"}]}}
 *   keys: {apiKeys: {files: [api-keys.json]}}
 * }</pre>
 *
 * @param jwt a JWT authenticator
 * @param introspection an introspection authenticator
 * @param apiKeys an API-key authenticator
 */
@Doc("An authenticator: exactly one of jwt, introspection or apiKeys.")
@ExactlyOne({"jwt", "introspection", "apiKeys"})
public record AuthenticatorModel(
        @Doc("JWT bearer tokens verified against one or more issuers.") JwtModel jwt,
        @Doc("Opaque bearer tokens checked at an RFC 7662 introspection endpoint.") IntrospectionModel introspection,
        @Doc("API keys, known by their SHA-256.") ApiKeysModel apiKeys) {
}
