package dev.portcullis.config.internal.auth;

import dev.portcullis.auth.BearerTokenSource;
import dev.portcullis.auth.ClaimsMapping;
import dev.portcullis.config.internal.AssemblyContext;
import dev.portcullis.config.internal.model.ClaimsModel;
import dev.portcullis.config.internal.model.TokenSourceModel;

/**
 * The sections JWT and introspection authenticators share: where tokens are read and how claims become the
 * principal.
 *
 * <pre>{@code
 * BearerTokenSource tokens = AuthParts.tokenSource(context, tokenSourceModel);
 * ClaimsMapping mapping = AuthParts.claims(context, claimsModel);
 * }</pre>
 */
final class AuthParts {
    private AuthParts() {
    }

    static BearerTokenSource tokenSource(AssemblyContext context, TokenSourceModel section) {
        BearerTokenSource.Builder tokens = BearerTokenSource.builder();
        if (section.cookie() != null) {
            tokens.cookie(section.cookie());
        }
        if (section.queryParameter() != null) {
            tokens.queryParameter(section.queryParameter());
        }
        if (section.maxLength() != null) {
            tokens.maxLength(section.maxLength());
        }
        return context.attemptIn(section, tokens::build);
    }

    static ClaimsMapping claims(AssemblyContext context, ClaimsModel section) {
        ClaimsMapping.Builder mapping = ClaimsMapping.builder();
        if (section.name() != null) {
            mapping.nameClaim(section.name());
        }
        if (section.scopes() != null) {
            mapping.scopeClaims(section.scopes().toArray(String[]::new));
        }
        if (section.roles() != null) {
            mapping.rolesClaim(section.roles());
        }
        return context.attemptIn(section, mapping::build);
    }
}
