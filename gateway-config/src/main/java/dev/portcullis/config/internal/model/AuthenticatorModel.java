package dev.portcullis.config.internal.model;

import dev.portcullis.config.internal.bind.Doc;
import dev.portcullis.config.internal.bind.ExactlyOne;

/**
 * One named authenticator: JWT, introspection, API keys, or one the application registered.
 *
 * <pre>{@code
 * authenticators:
 *   staff: {jwt: {issuers: [{issuer: "https://idp.example/realms/staff", jwksUri: "https://idp.example/jwks"}]}}
 *   keys: {apiKeys: {files: [api-keys.json]}}
 *   partners: {custom: partner-auth}     # InterceptorRegistry.builder().addPart(Authenticator.class, "partner-auth", a)
 * }</pre>
 *
 * @param jwt a JWT authenticator
 * @param introspection an introspection authenticator
 * @param apiKeys an API-key authenticator
 * @param custom the name of an authenticator the application registered
 */
@Doc("An authenticator: exactly one of jwt, introspection, apiKeys or custom.")
@ExactlyOne({"jwt", "introspection", "apiKeys", "custom"})
public record AuthenticatorModel(
        @Doc("JWT bearer tokens verified against one or more issuers.") JwtModel jwt,
        @Doc("Opaque bearer tokens checked at an RFC 7662 introspection endpoint.") IntrospectionModel introspection,
        @Doc("API keys, known by their SHA-256.") ApiKeysModel apiKeys,
        @Doc("The name of an Authenticator the application registered (InterceptorRegistry addPart; a bean with "
                + "the Spring Boot starter).") String custom) {
}
