package dev.portcullis.api.auth;

import java.time.Duration;
import java.util.Objects;

/**
 * One call to an identity provider, as an {@link IdentityProviderListener} hears it. Its values come from
 * configuration (the issuer, the endpoint) and from the call's outcome, never from a token, so they suit metric tags.
 *
 * <pre>{@code
 * new IdentityProviderCall(Kind.JWKS, "https://sso.example.com/realms/shop", Outcome.SUCCESS, Duration.ofMillis(42));
 * }</pre>
 *
 * @param kind what was called
 * @param provider the configured name of the provider: a JWT issuer's {@code iss}, or an introspection endpoint as
 *     scheme, host, port and path (never user info or query)
 * @param outcome how the call went
 * @param duration from sending the request to the end of the answer (or the failure)
 */
public record IdentityProviderCall(Kind kind, String provider, Outcome outcome, Duration duration) {
    /** Checks the values. */
    public IdentityProviderCall {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(duration, "duration");
    }

    /** What the gateway called. */
    public enum Kind {
        /** A JWT issuer's key set was fetched from its JWKS URL. */
        JWKS,
        /** A token was sent to an introspection endpoint. */
        INTROSPECTION
    }

    /** How a call went. */
    public enum Outcome {
        /** The provider answered {@code 200} with a usable document (an inactive token's answer included). */
        SUCCESS,
        /** The provider could not be reached, answered another status, or answered something unusable. */
        ERROR,
        /** The provider did not answer in full within the configured timeouts. */
        TIMEOUT
    }
}
