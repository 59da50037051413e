package dev.portcullis.auth.apikey;

import dev.portcullis.api.auth.GatewayPrincipal;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Looks API keys up by their SHA-256 hash: the plain key never reaches a store. Implement it to keep keys in a
 * database or a secrets service; {@link ApiKeys} is the in-memory store built from configuration or a file.
 *
 * <p>Contract: compare hashes in constant time ({@link java.security.MessageDigest#isEqual}); never block (return
 * a stage that completes later); be thread-safe.
 *
 * <pre>{@code
 * ApiKeyStore fromDb = sha256 -> dao.findByHash(sha256)            // CompletionStage<Optional<Row>>
 *     .thenApply(row -> row.map(r -> GatewayPrincipal.builder(r.owner(), "api-key").scopes(r.scopes()).build()));
 * }</pre>
 */
@FunctionalInterface
public interface ApiKeyStore {

    /**
     * @param sha256 the 32-byte SHA-256 of the presented key's UTF-8 bytes (a copy the store may keep)
     * @return the key's principal, or empty when no key has this hash
     */
    CompletionStage<Optional<GatewayPrincipal>> find(byte[] sha256);
}
