package dev.portcullis.api.auth;

import dev.portcullis.api.AttributeKey;
import java.util.Objects;

/**
 * Which API key authenticated a request: an API-key authenticator sets it under {@link #ATTRIBUTE} together with
 * {@link GatewayPrincipal#ATTRIBUTE}, so later stages (a per-key rate limit) can tell keys apart even when several
 * keys stand for one principal name. It never holds the key itself.
 *
 * <pre>{@code
 * Optional<String> keyId = request.attribute(AuthenticatedKey.ATTRIBUTE).map(AuthenticatedKey::id);
 * }</pre>
 *
 * @param id the base64url of the first 128 bits of the key's SHA-256: stable per key, never the key itself
 * @param principal the principal the key stood for; the one under {@link GatewayPrincipal#ATTRIBUTE} while this
 *     authentication holds
 */
public record AuthenticatedKey(String id, GatewayPrincipal principal) {
    /** The request attribute that carries the key that authenticated the request. */
    public static final AttributeKey<AuthenticatedKey> ATTRIBUTE = AttributeKey.of("api-key", AuthenticatedKey.class);

    /** Checks the values. */
    public AuthenticatedKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(principal, "principal");
    }
}
