package dev.portcullis.config.internal.auth;

import dev.portcullis.auth.BearerTokenSource;
import dev.portcullis.auth.ClaimsMapping;
import dev.portcullis.auth.introspection.IntrospectionAuthenticator;
import dev.portcullis.config.internal.AssemblyContext;
import dev.portcullis.config.internal.model.IntrospectionModel;
import java.net.URI;

/**
 * Maps an {@code introspection} section onto {@link IntrospectionAuthenticator}; the client secret comes from its
 * reference and is never in a message.
 *
 * <pre>{@code
 * IntrospectionAuthenticator opaque = new IntrospectionAssembler(context).authenticator(introspectionModel);
 * }</pre>
 */
final class IntrospectionAssembler {
    private final AssemblyContext context;

    IntrospectionAssembler(AssemblyContext context) {
        this.context = context;
    }

    IntrospectionAuthenticator authenticator(IntrospectionModel section) {
        IntrospectionAuthenticator.Builder opaque = context.attempt(context.at(section, "endpoint"),
                () -> IntrospectionAuthenticator.builder(URI.create(section.endpoint())));
        if (opaque == null) {
            return null;
        }
        opaque.client(section.clientId(), section.clientSecret().value(),
                section.clientAuth() == IntrospectionModel.ClientAuth.POST ? IntrospectionAuthenticator.ClientAuth.POST
                        : IntrospectionAuthenticator.ClientAuth.BASIC);
        if (section.tokenSource() != null) {
            BearerTokenSource tokens = AuthParts.tokenSource(context, section.tokenSource());
            if (tokens != null) {
                opaque.tokenSource(tokens);
            }
        }
        if (section.claims() != null) {
            ClaimsMapping mapping = AuthParts.claims(context, section.claims());
            if (mapping != null) {
                opaque.claimsMapping(mapping);
            }
        }
        if (section.audiences() != null) {
            opaque.audiences(section.audiences().toArray(String[]::new));
        }
        if (section.cacheTtl() != null) {
            opaque.cacheTtl(section.cacheTtl());
        }
        if (section.negativeCacheTtl() != null) {
            opaque.negativeCacheTtl(section.negativeCacheTtl());
        }
        if (section.cacheSize() != null) {
            opaque.cacheSize(section.cacheSize());
        }
        if (section.timeouts() != null) {
            opaque.timeouts(section.timeouts().connect(), section.timeouts().read());
        }
        if (section.maxResponseSize() != null) {
            context.attempt(context.at(section, "maxResponseSize"),
                    () -> opaque.maxResponseBytes(section.maxResponseSize().intBytes()));
        }
        if (section.maxConcurrentCalls() != null) {
            opaque.maxConcurrentCalls(section.maxConcurrentCalls());
        }
        return context.attemptIn(section, opaque::build);
    }
}
