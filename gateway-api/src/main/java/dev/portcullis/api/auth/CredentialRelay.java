package dev.portcullis.api.auth;

import dev.portcullis.api.AttributeKey;

/**
 * Whether a route forwards the client's {@code Authorization} header to its upstream. Attach it as route
 * metadata; the claim-header stage reads it, and strips the header unless the route says {@link #RELAY}.
 *
 * <pre>{@code
 * Route.builder("orders").path("/orders/**").upstream("http://127.0.0.1:9001")
 *     .metadata(CredentialRelay.KEY, CredentialRelay.RELAY)
 *     .build();
 * }</pre>
 */
public enum CredentialRelay {
    /** Forward the {@code Authorization} header unchanged (the upstream verifies the token itself). */
    RELAY,
    /** Remove the {@code Authorization} header before forwarding (the upstream trusts the gateway's headers). */
    STRIP;

    /** The route metadata key. */
    public static final AttributeKey<CredentialRelay> KEY = AttributeKey.of("credential-relay", CredentialRelay.class);
}
