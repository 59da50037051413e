package dev.portcullis.config.internal.model;

import dev.portcullis.config.internal.bind.Doc;
import dev.portcullis.config.internal.bind.FileRef;
import java.util.List;

/**
 * An API-key authenticator ({@code ApiKeyAuthenticator} over {@code ApiKeys}).
 *
 * <pre>{@code
 * apiKeys:
 *   header: X-API-Key
 *   keys: [{key: ${REPORTING_KEY}, name: reporting, scopes: [reports:read]}]
 *   files: [api-keys.json]
 * # or, keys the application looks up (InterceptorRegistry.builder().addPart(ApiKeyStore.class, "db-keys", store)):
 * apiKeys: {customStore: db-keys, header: X-API-Key}
 * }</pre>
 *
 * @param header the header carrying the key
 * @param queryParameter a query parameter carrying the key
 * @param keys keys listed here
 * @param files JSON files of keys
 * @param customStore the name of an API-key store the application registered, instead of keys and files
 */
@Doc("API keys; only their SHA-256 is held.")
public record ApiKeysModel(
        @Doc("The header carrying the key, default X-API-Key.") String header,
        @Doc("A query parameter that may carry the key (removed before forwarding).") String queryParameter,
        @Doc("Keys listed here.") List<ApiKeyModel> keys,
        @Doc("JSON files, each an array of {sha256, name, scopes, roles}.") List<FileRef> files,
        @Doc("The name of an ApiKeyStore the application registered (InterceptorRegistry addPart; a bean with the "
                + "Spring Boot starter), instead of keys and files.") String customStore) {
}
