package dev.portcullis.config.internal.model;

import dev.portcullis.config.internal.bind.Doc;
import dev.portcullis.config.internal.bind.Required;
import java.util.List;

/**
 * A JWT authenticator ({@code JwtAuthenticator}).
 *
 * <pre>{@code
 * jwt:
 *   issuers: [{issuer: "https://sso.example.com/realms/shop", jwksUri: "https://sso.example.com/certs"}]
 *   tokenSource: {cookie: at}
 * }</pre>
 *
 * @param issuers the trusted issuers
 * @param tokenSource where tokens are read
 * @param verifiedTokenCacheSize verified tokens remembered
 * @param passOpaqueTokens whether non-JWT tokens are left to the next authenticator
 */
@Doc("JWT bearer tokens.")
public record JwtModel(
        @Doc("The trusted issuers; a token's iss picks one exactly.") @Required List<IssuerModel> issuers,
        @Doc("Where tokens are read; default the Authorization header only.") TokenSourceModel tokenSource,
        @Doc("How many verified tokens to remember, default 10000; 0 disables.") Integer verifiedTokenCacheSize,
        @Doc("Abstain on tokens that are not JWTs, so an introspection authenticator after this one can try them; "
                + "default false.") Boolean passOpaqueTokens) {
}
