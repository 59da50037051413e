package dev.portcullis.api.auth;

/**
 * Hears every call the gateway makes to an identity provider: a JWKS fetch of a JWT issuer, a token introspection
 * (RFC 7662). The seam through which metrics count those calls and time them; the authenticators know nothing of the
 * metrics library, and this interface names JDK types only.
 *
 * <p>Contract: {@link #onCall} runs on the thread that completed the call (an HTTP client thread), so it is
 * thread-safe, quick and never blocks. An exception it throws is logged and otherwise ignored.
 *
 * <pre>{@code
 * IdentityProviderListener slowCalls = call -> {
 *     if (call.duration().toMillis() > 500) {
 *         log.warn("{} call to {} took {}", call.kind(), call.provider(), call.duration());
 *     }
 * };
 * JwtIssuer issuer = JwtIssuer.builder(iss).jwksUri(jwks).listener(slowCalls).build();
 * }</pre>
 */
@FunctionalInterface
public interface IdentityProviderListener {
    /** A listener that ignores every call. */
    IdentityProviderListener NONE = call -> { };

    /** @param call what was called, how it went and how long it took */
    void onCall(IdentityProviderCall call);
}
