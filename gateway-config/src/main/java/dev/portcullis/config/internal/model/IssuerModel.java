package dev.portcullis.config.internal.model;

import dev.portcullis.config.internal.bind.Doc;
import dev.portcullis.config.internal.bind.ExactlyOne;
import dev.portcullis.config.internal.bind.FileRef;
import dev.portcullis.config.internal.bind.Required;
import dev.portcullis.config.internal.bind.Secret;
import java.time.Duration;
import java.util.List;

/**
 * One trusted JWT issuer ({@code JwtIssuer}).
 *
 * <pre>{@code
 * - issuer: https://sso.example.com/realms/shop
 *   jwksUri: https://sso.example.com/realms/shop/protocol/openid-connect/certs
 *   algorithms: [RS256]
 *   audiences: [shop-api]
 *   claims: {roles: realm_access.roles}
 * }</pre>
 *
 * @param issuer the exact iss
 * @param jwksUri a JWKS URL
 * @param jwkSetFile a JWK set file
 * @param jwkSet an inline JWK set
 * @param hmacSecret an HMAC secret
 * @param algorithms the allowed algorithms
 * @param audiences accepted audiences
 * @param requiredClaims claims every token carries
 * @param requiredTypes the typ values a token must carry
 * @param requireExpiration whether exp is required
 * @param clockSkew the tolerance on exp, nbf, iat
 * @param maxTokenAge the oldest iat accepted
 * @param claims how claims become the principal
 * @param jwks JWKS fetching
 */
@Doc("A trusted token issuer; its keys come from exactly one of jwksUri, jwkSetFile, jwkSet, hmacSecret.")
@ExactlyOne({"jwksUri", "jwkSetFile", "jwkSet", "hmacSecret"})
public record IssuerModel(
        @Doc("The exact iss of this issuer's tokens.") @Required String issuer,
        @Doc("The JWKS URL (http or https); fetched on first use, cached and refreshed.") String jwksUri,
        @Doc("A JWK set file, read when the configuration is loaded.") FileRef jwkSetFile,
        @Doc("A JWK set as JSON text.") String jwkSet,
        @Doc("An HMAC secret of at least 256 bits, as a reference: ${ENV_VAR} or ${file:path}.") Secret hmacSecret,
        @Doc("The allowed JWS algorithms, default [RS256]; never none.") List<String> algorithms,
        @Doc("Accepted audiences; the token's aud must hold one.") List<String> audiences,
        @Doc("Claims every token must carry.") List<String> requiredClaims,
        @Doc("typ header values a token must carry, e.g. [at+jwt], compared without case and with or without "
                + "application/; default none required (no typ, JWT or at+jwt pass, any other type is refused).")
        List<String> requiredTypes,
        @Doc("Whether exp is required; default true.") Boolean requireExpiration,
        @Doc("Tolerance for exp, nbf and iat, default 60s, at most 5m.") Duration clockSkew,
        @Doc("The oldest iat accepted; makes iat required.") Duration maxTokenAge,
        @Doc("How claims become the principal.") ClaimsModel claims,
        @Doc("How the JWKS URL is fetched and cached.") JwksModel jwks) {
}
