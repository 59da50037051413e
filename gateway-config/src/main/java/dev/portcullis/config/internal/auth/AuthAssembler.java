package dev.portcullis.config.internal.auth;

import dev.portcullis.api.Interceptor;
import dev.portcullis.api.auth.Authenticator;
import dev.portcullis.api.auth.CredentialRelay;
import dev.portcullis.auth.ClaimHeaders;
import dev.portcullis.config.internal.AssemblyContext;
import dev.portcullis.config.internal.AuthFeature;
import dev.portcullis.config.internal.model.AuthenticatorModel;
import dev.portcullis.config.internal.model.ClaimHeadersModel;
import dev.portcullis.config.internal.model.RouteModel;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * gateway-auth's part of the assembly: the named authenticators (a JWT authenticator keeps its JWKS and verified-token
 * caches across a reload that leaves its section unchanged; a custom one is the application's registered object,
 * never closed here) and the claimHeaders stage. Loaded by name, only when
 * the file uses gateway-auth.
 *
 * <pre>{@code
 * Map<String, Authenticator> byName = new AuthAssembler().authenticators(context);
 * }</pre>
 */
public final class AuthAssembler implements AuthFeature {
    /** Loaded reflectively by {@code Features}. */
    public AuthAssembler() {
    }

    @Override
    public Map<String, Authenticator> authenticators(AssemblyContext context) {
        Map<String, Authenticator> byName = new LinkedHashMap<>();
        context.model().authenticators().forEach((name, section) -> {
            Authenticator authenticator = section.custom() != null
                    ? context.registered(Authenticator.class, "custom authenticator", section, "custom",
                            section.custom())
                    : context.components().get("authenticator", name, section, () -> build(context, section));
            if (authenticator != null) {
                byName.put(name, authenticator);
            }
        });
        return byName;
    }

    private static Authenticator build(AssemblyContext context, AuthenticatorModel section) {
        if (section.jwt() != null) {
            return new JwtAssembler(context).authenticator(section.jwt());
        }
        if (section.introspection() != null) {
            return new IntrospectionAssembler(context).authenticator(section.introspection());
        }
        return new ApiKeyAssembler(context).authenticator(section.apiKeys());
    }

    @Override
    public Interceptor claimHeaders(AssemblyContext context) {
        ClaimHeadersModel section = context.model().claimHeaders();
        ClaimHeaders.Builder stage = ClaimHeaders.builder();
        if (section.headers() != null) {
            section.headers().forEach((header, claim) -> context.attempt(context.at(section.headers(), header),
                    () -> stage.claim(claim, header)));
        }
        if (section.scopesHeader() != null) {
            stage.scopesHeader(section.scopesHeader());
        }
        if (section.rolesHeader() != null) {
            stage.rolesHeader(section.rolesHeader());
        }
        if (section.defaultRelay() != null) {
            stage.defaultRelay(section.defaultRelay() == RouteModel.Relay.RELAY ? CredentialRelay.RELAY
                    : CredentialRelay.STRIP);
        }
        return context.attemptIn(section, stage::build);
    }
}
