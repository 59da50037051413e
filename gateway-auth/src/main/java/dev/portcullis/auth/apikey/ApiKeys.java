package dev.portcullis.auth.apikey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.api.auth.GatewayPrincipal;
import dev.portcullis.auth.internal.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The in-memory {@link ApiKeyStore}: SHA-256 hashes (hex) of API keys, each with its principal, from code or from a
 * JSON file. Plain keys are never held. A lookup compares the hash with every entry in constant time, so its
 * duration does not depend on which entry (if any) matches. Immutable.
 *
 * <p>File format: {@code [{"sha256": "<64 hex>", "name": "billing-service", "scopes": ["invoices:read"],
 * "roles": ["service"]}]}. Make a hash with {@code printf %s "$KEY" | sha256sum} or {@link #sha256Hex(String)}.
 *
 * <pre>{@code
 * ApiKeys keys = ApiKeys.builder()
 *     .key("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "reporting",
 *          Set.of("reports:read"), Set.of())
 *     .file(Path.of("/etc/gateway/api-keys.json"))
 *     .build();
 * }</pre>
 */
public final class ApiKeys implements ApiKeyStore {
    private final List<Entry> entries;

    private ApiKeys(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @param key a plain API key @return the lower-case hex SHA-256 of its UTF-8 bytes, as stored */
    public static String sha256Hex(String key) {
        return HexFormat.of().formatHex(Digest.sha256(key.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public CompletionStage<Optional<GatewayPrincipal>> find(byte[] sha256) {
        GatewayPrincipal found = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.hash(), sha256) && found == null) {
                found = entry.principal();
            }
        }
        return CompletableFuture.completedFuture(Optional.ofNullable(found));
    }

    /** @return the number of keys */
    public int size() {
        return entries.size();
    }

    private record Entry(byte[] hash, GatewayPrincipal principal) {
    }

    /** Collects keys for {@link ApiKeys}. Not thread-safe. */
    public static final class Builder {
        private final List<Entry> entries = new ArrayList<>();
        private final Set<String> seen = new LinkedHashSet<>();

        private Builder() {
        }

        /**
         * @param sha256Hex the key's SHA-256, 64 hex digits
         * @param name the principal's name
         * @param scopes its scopes
         * @param roles its roles
         * @return this builder
         * @throws IllegalArgumentException if the hash is malformed or listed twice
         */
        public Builder key(String sha256Hex, String name, Set<String> scopes, Set<String> roles) {
            Objects.requireNonNull(sha256Hex, "sha256");
            String hex = sha256Hex.toLowerCase(java.util.Locale.ROOT);
            if (!hex.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("api key " + name + ": sha256 must be 64 hex digits");
            }
            if (!seen.add(hex)) {
                throw new IllegalArgumentException("api key " + name + ": sha256 is listed twice");
            }
            entries.add(new Entry(HexFormat.of().parseHex(hex),
                    GatewayPrincipal.builder(name, "api-key").scopes(scopes).roles(roles).build()));
            return this;
        }

        /**
         * @param file a JSON array of {@code {sha256, name, scopes, roles}} objects
         * @return this builder
         * @throws IllegalArgumentException naming the file and entry when it cannot be read
         */
        public Builder file(Path file) {
            JsonNode root;
            try {
                root = new ObjectMapper().readTree(file.toFile());
            } catch (IOException e) {
                throw new IllegalArgumentException("api key file " + file + " is not readable JSON: "
                        + e.getClass().getSimpleName(), e);
            }
            if (root == null || !root.isArray()) {
                throw new IllegalArgumentException("api key file " + file + " must hold a JSON array");
            }
            for (int i = 0; i < root.size(); i++) {
                JsonNode item = root.get(i);
                if (!item.path("sha256").isTextual() || !item.path("name").isTextual()) {
                    throw new IllegalArgumentException("api key file " + file + ", entry " + i
                            + ": needs string members sha256 and name");
                }
                key(item.get("sha256").asText(), item.get("name").asText(), strings(item.path("scopes")),
                        strings(item.path("roles")));
            }
            return this;
        }

        private static Set<String> strings(JsonNode array) {
            Set<String> values = new LinkedHashSet<>();
            array.forEach(value -> values.add(value.asText()));
            return values;
        }

        /** @return the store */
        public ApiKeys build() {
            return new ApiKeys(entries);
        }
    }
}
