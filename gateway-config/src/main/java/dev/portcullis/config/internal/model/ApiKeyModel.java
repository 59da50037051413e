package dev.portcullis.config.internal.model;

import dev.portcullis.config.internal.bind.Doc;
import dev.portcullis.config.internal.bind.ExactlyOne;
import dev.portcullis.config.internal.bind.Required;
import dev.portcullis.config.internal.bind.Secret;
import java.util.List;

/**
 * One API key, by its SHA-256 or as a secret reference hashed when loaded.
 *
 * <pre>{@code
 * - {sha256: 5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8, name: batch, scopes: [jobs:run]}
 * - {key: ${REPORTING_KEY}, name: reporting}
 * }</pre>
 *
 * @param sha256 the key's SHA-256 in hex
 * @param key the key itself, as a secret reference
 * @param name the principal's name
 * @param scopes its scopes
 * @param roles its roles
 */
@Doc("An API key: its SHA-256 (64 hex digits), or the key itself as a secret reference.")
@ExactlyOne({"sha256", "key"})
public record ApiKeyModel(
        @Doc("The key's SHA-256, 64 hex digits.") String sha256,
        @Doc("The key itself, as a reference: ${ENV_VAR} or ${file:path}; only its hash is kept.") Secret key,
        @Doc("The principal's name.") @Required String name,
        @Doc("The principal's scopes.") List<String> scopes,
        @Doc("The principal's roles.") List<String> roles) {
}
