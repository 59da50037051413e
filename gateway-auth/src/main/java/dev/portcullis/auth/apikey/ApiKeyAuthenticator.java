package dev.portcullis.auth.apikey;

import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.QueryParameters;
import dev.portcullis.api.auth.AuthResult;
import dev.portcullis.api.auth.AuthenticatedKey;
import dev.portcullis.api.auth.Authenticator;
import dev.portcullis.auth.internal.Digest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Authenticates API keys sent in a header (default {@code X-API-Key}) and optionally a query parameter. The key
 * never travels further: the header is removed from the forwarded request and the parameter from the forwarded URL. The key is hashed (SHA-256) at once and only the hash is looked up in the
 * {@link ApiKeyStore}; the plain key is never stored or logged. No key: abstain. Unknown, empty or over 512
 * characters: 401 {@code invalid_token}. Two different keys: 400 {@code invalid_request}. Thread-safe.
 *
 * <p>When a key authenticates, the request also carries {@link AuthenticatedKey#ATTRIBUTE}: which key it was (a digest, never the key),
 * so later stages such as a per-key rate limit ({@code KeyResolvers.apiKey()}) can tell keys apart even when
 * several keys share a principal name.
 *
 * <pre>{@code
 * ApiKeyAuthenticator apiKeys = ApiKeyAuthenticator.builder(ApiKeys.builder().file(Path.of("keys.json")).build())
 *     .header("X-API-Key")
 *     .build();
 * }</pre>
 */
public final class ApiKeyAuthenticator implements Authenticator {
    private static final int MAX_LENGTH = 512;

    private final ApiKeyStore store;
    private final String header;
    private final String queryParameter;

    private ApiKeyAuthenticator(Builder b) {
        this.store = b.store;
        this.header = b.header;
        this.queryParameter = b.queryParameter;
    }

    /** @param store where keys are looked up @return a builder */
    public static Builder builder(ApiKeyStore store) {
        return new Builder(store);
    }

    @Override
    public CompletionStage<AuthResult> authenticate(GatewayRequest request) {
        Set<String> keys = new LinkedHashSet<>(request.headers().all(header));
        if (queryParameter != null) {
            keys.addAll(QueryParameters.values(request.rawQuery().orElse(null), queryParameter));
        }
        if (keys.isEmpty()) {
            return CompletableFuture.completedFuture(AuthResult.abstain());
        }
        if (keys.size() > 1) {
            return CompletableFuture.completedFuture(AuthResult.invalidRequest("The request carries more than one API key."));
        }
        String key = keys.iterator().next().trim();
        if (key.isEmpty() || key.length() > MAX_LENGTH) {
            return CompletableFuture.completedFuture(AuthResult.invalidToken("The API key is not valid."));
        }
        byte[] hash = Digest.sha256(key.getBytes(StandardCharsets.UTF_8));
        String id = Digest.shortId(hash);
        return store.find(hash).thenApply(found -> found
                .map(principal -> AuthResult.authenticated(principal,
                        request.withAttribute(AuthenticatedKey.ATTRIBUTE, new AuthenticatedKey(id, principal))))
                .orElseGet(() -> AuthResult.invalidToken("The API key is not valid.")));
    }

    @Override
    public GatewayRequest withoutCredentials(GatewayRequest request) {
        GatewayRequest stripped = request.headers().contains(header)
                ? request.toBuilder().headers(request.headers().toBuilder().remove(header).build()).build() : request;
        String rawQuery = stripped.rawQuery().orElse(null);
        return queryParameter == null || QueryParameters.values(rawQuery, queryParameter).isEmpty() ? stripped
                : stripped.toBuilder().rawQuery(QueryParameters.without(rawQuery, queryParameter)).build();
    }

    @Override
    public String toString() {
        return "ApiKeyAuthenticator[" + header + ']';
    }

    /** Collects the settings of an {@link ApiKeyAuthenticator}. Not thread-safe. */
    public static final class Builder {
        private final ApiKeyStore store;
        private String header = "X-API-Key";
        private String queryParameter;

        private Builder(ApiKeyStore store) {
            this.store = Objects.requireNonNull(store, "store");
        }

        /** @param name the header carrying the key, default {@code X-API-Key} @return this builder */
        public Builder header(String name) {
            this.header = Objects.requireNonNull(name, "header");
            return this;
        }

        /** @param name a query parameter that may carry the key (removed when forwarding) @return this builder */
        public Builder queryParameter(String name) {
            this.queryParameter = Objects.requireNonNull(name, "queryParameter");
            return this;
        }

        /** @return the authenticator @throws IllegalArgumentException naming a blank setting */
        public ApiKeyAuthenticator build() {
            if (header.isBlank() || (queryParameter != null && queryParameter.isBlank())) {
                throw new IllegalArgumentException("header and queryParameter must not be blank");
            }
            return new ApiKeyAuthenticator(this);
        }
    }
}
