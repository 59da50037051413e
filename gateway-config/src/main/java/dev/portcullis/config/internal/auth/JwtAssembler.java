package dev.portcullis.config.internal.auth;

import dev.portcullis.auth.BearerTokenSource;
import dev.portcullis.auth.ClaimsMapping;
import dev.portcullis.auth.jwt.JwtAuthenticator;
import dev.portcullis.auth.jwt.JwtIssuer;
import dev.portcullis.config.internal.AssemblyContext;
import dev.portcullis.config.internal.model.IssuerModel;
import dev.portcullis.config.internal.model.JwksModel;
import dev.portcullis.config.internal.model.JwtModel;
import java.net.URI;
import java.util.List;

/**
 * Maps a {@code jwt} section onto {@link JwtAuthenticator} and its {@link JwtIssuer}s.
 *
 * <pre>{@code
 * JwtAuthenticator jwt = new JwtAssembler(context).authenticator(jwtModel);   // null when a finding was added
 * }</pre>
 */
final class JwtAssembler {
    private final AssemblyContext context;

    JwtAssembler(AssemblyContext context) {
        this.context = context;
    }

    JwtAuthenticator authenticator(JwtModel section) {
        JwtAuthenticator.Builder jwt = JwtAuthenticator.builder();
        boolean failed = false;
        for (int i = 0; i < section.issuers().size(); i++) {
            JwtIssuer issuer = issuer(section.issuers().get(i));
            failed |= issuer == null || context.attempt(context.at(section.issuers(), i), () -> jwt.issuer(issuer))
                    == null;
        }
        if (failed) {
            return null;
        }
        if (section.tokenSource() != null) {
            BearerTokenSource tokens = AuthParts.tokenSource(context, section.tokenSource());
            if (tokens != null) {
                jwt.tokenSource(tokens);
            }
        }
        if (section.verifiedTokenCacheSize() != null) {
            jwt.verifiedTokenCacheSize(section.verifiedTokenCacheSize());
        }
        if (section.passOpaqueTokens() != null) {
            jwt.passOpaqueTokens(section.passOpaqueTokens());
        }
        return context.attemptIn(section, jwt::build);
    }

    private JwtIssuer issuer(IssuerModel section) {
        JwtIssuer.Builder issuer = JwtIssuer.builder(section.issuer());
        if (section.jwksUri() != null) {
            context.attempt(context.at(section, "jwksUri"), () -> issuer.jwksUri(URI.create(section.jwksUri())));
        }
        if (section.jwkSetFile() != null) {
            issuer.jwkSetFile(section.jwkSetFile().path());
        }
        if (section.jwkSet() != null) {
            issuer.jwkSetJson(section.jwkSet());
        }
        if (section.hmacSecret() != null) {
            issuer.hmacSecret(section.hmacSecret().bytes());
        }
        strings(section.algorithms(), issuer::algorithms);
        strings(section.audiences(), issuer::audiences);
        strings(section.requiredClaims(), issuer::requiredClaims);
        if (section.requiredTypes() != null) {
            context.attempt(context.at(section, "requiredTypes"),
                    () -> issuer.requiredTypes(section.requiredTypes().toArray(String[]::new)));
        }
        if (section.requireExpiration() != null) {
            issuer.requireExpiration(section.requireExpiration());
        }
        if (section.clockSkew() != null) {
            issuer.clockSkew(section.clockSkew());
        }
        if (section.maxTokenAge() != null) {
            issuer.maxTokenAge(section.maxTokenAge());
        }
        if (section.claims() != null) {
            ClaimsMapping mapping = AuthParts.claims(context, section.claims());
            if (mapping != null) {
                issuer.claimsMapping(mapping);
            }
        }
        if (section.jwks() != null) {
            jwks(section.jwks(), issuer);
        }
        return context.attemptIn(section, issuer::build);
    }

    private void jwks(JwksModel section, JwtIssuer.Builder issuer) {
        if (section.timeouts() != null) {
            issuer.jwksTimeouts(section.timeouts().connect(), section.timeouts().read());
        }
        if (section.cacheTtl() != null) {
            issuer.jwksCacheTtl(section.cacheTtl());
        }
        if (section.minRefetchInterval() != null) {
            issuer.jwksMinRefetchInterval(section.minRefetchInterval());
        }
        if (section.maxStale() != null) {
            issuer.jwksMaxStale(section.maxStale());
        }
        if (section.maxSize() != null) {
            context.attempt(context.at(section, "maxSize"), () -> issuer.jwksMaxBytes(section.maxSize().intBytes()));
        }
    }

    private static void strings(List<String> values, java.util.function.Function<String[], ?> set) {
        if (values != null) {
            set.apply(values.toArray(String[]::new));
        }
    }
}
