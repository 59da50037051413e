package dev.portcullis.config.internal.auth;

import dev.portcullis.auth.apikey.ApiKeyAuthenticator;
import dev.portcullis.auth.apikey.ApiKeyStore;
import dev.portcullis.auth.apikey.ApiKeys;
import dev.portcullis.config.internal.AssemblyContext;
import dev.portcullis.config.internal.model.ApiKeyModel;
import dev.portcullis.config.internal.model.ApiKeysModel;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Maps an {@code apiKeys} section onto {@link ApiKeyAuthenticator} over {@link ApiKeys} (keys listed by hash or as
 * secret references, hashed now, and key files) or over the {@link ApiKeyStore} the application registered under
 * the section's {@code customStore}.
 *
 * <pre>{@code
 * ApiKeyAuthenticator keys = new ApiKeyAssembler(context).authenticator(apiKeysModel);
 * }</pre>
 */
final class ApiKeyAssembler {
    private final AssemblyContext context;

    ApiKeyAssembler(AssemblyContext context) {
        this.context = context;
    }

    ApiKeyAuthenticator authenticator(ApiKeysModel section) {
        ApiKeyStore store = section.customStore() != null ? customStore(section) : listed(section);
        if (store == null) {
            return null;
        }
        ApiKeyAuthenticator.Builder keys = ApiKeyAuthenticator.builder(store);
        if (section.header() != null) {
            keys.header(section.header());
        }
        if (section.queryParameter() != null) {
            keys.queryParameter(section.queryParameter());
        }
        return context.attemptIn(section, keys::build);
    }

    private ApiKeyStore customStore(ApiKeysModel section) {
        if (section.keys() != null || section.files() != null) {
            context.fail(context.at(section, "customStore"),
                    new IllegalArgumentException("set keys and files, or customStore, not both"));
            return null;
        }
        return context.registered(ApiKeyStore.class, "custom API-key store", section, "customStore",
                section.customStore());
    }

    private ApiKeys listed(ApiKeysModel section) {
        ApiKeys.Builder store = ApiKeys.builder();
        if (section.keys() != null) {
            for (ApiKeyModel key : section.keys()) {
                String sha256 = key.sha256() != null ? key.sha256() : ApiKeys.sha256Hex(key.key().value());
                context.attempt(context.origins().of(key),
                        () -> store.key(sha256, key.name(), set(key.scopes()), set(key.roles())));
            }
        }
        if (section.files() != null) {
            for (int i = 0; i < section.files().size(); i++) {
                java.nio.file.Path file = section.files().get(i).path();
                context.attempt(context.at(section.files(), i), () -> store.file(file));
            }
        }
        return store.build();
    }

    private static Set<String> set(List<String> values) {
        return values == null ? Set.of() : new LinkedHashSet<>(values);
    }
}
