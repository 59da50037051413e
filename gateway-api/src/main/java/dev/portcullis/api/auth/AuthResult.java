package dev.portcullis.api.auth;

import dev.portcullis.api.GatewayRequest;
import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of an {@link Authenticator}: {@link Authenticated}, {@link Rejected} or {@link Abstained}.
 *
 * <pre>{@code
 * AuthResult ok = AuthResult.authenticated(principal, request);
 * AuthResult bad = AuthResult.invalidToken("The token has expired.");
 * AuthResult down = AuthResult.unavailable("The identity provider did not answer.", Duration.ofSeconds(5));
 * }</pre>
 */
public sealed interface AuthResult permits AuthResult.Authenticated, AuthResult.Rejected, AuthResult.Abstained {

    /** RFC 6750 error code: the request is malformed (e.g. two different tokens). */
    String INVALID_REQUEST = "invalid_request";
    /** RFC 6750 error code: the token is expired, revoked, malformed or otherwise invalid. */
    String INVALID_TOKEN = "invalid_token";
    /** Error code used with status 503: the identity provider (JWKS, introspection endpoint) cannot be reached. */
    String TEMPORARILY_UNAVAILABLE = "temporarily_unavailable";

    /**
     * @param principal who sent the request
     * @param request the request to continue with: the one authenticated, or a copy without the credential (e.g. a
     *     token query parameter removed from the forwarded URL)
     * @return a success
     */
    static AuthResult authenticated(GatewayPrincipal principal, GatewayRequest request) {
        return new Authenticated(principal, request);
    }

    /** @param description a client-safe reason @return a 401 {@code invalid_token} rejection */
    static AuthResult invalidToken(String description) {
        return new Rejected(401, INVALID_TOKEN, description, Duration.ZERO);
    }

    /**
     * @param description a client-safe reason
     * @return a 400 {@code invalid_request} rejection (RFC 6750 §3.1): the request is malformed, e.g. it carries
     *     more than one credential; a malformed or unverifiable token is {@link #invalidToken} instead
     */
    static AuthResult invalidRequest(String description) {
        return new Rejected(400, INVALID_REQUEST, description, Duration.ZERO);
    }

    /**
     * @param description a client-safe reason, never an internal host name
     * @param retryAfter the {@code Retry-After} hint
     * @return a 503 rejection: the credential could not be checked now
     */
    static AuthResult unavailable(String description, Duration retryAfter) {
        return new Rejected(503, TEMPORARILY_UNAVAILABLE, description, retryAfter);
    }

    /** @return the result that lets the next authenticator decide */
    static AuthResult abstain() {
        return Abstained.INSTANCE;
    }

    /**
     * The request carries a valid credential.
     *
     * @param principal who sent it
     * @param request the request to continue with
     */
    record Authenticated(GatewayPrincipal principal, GatewayRequest request) implements AuthResult {
        /** Checks the values. */
        public Authenticated {
            Objects.requireNonNull(principal, "principal");
            Objects.requireNonNull(request, "request");
        }
    }

    /**
     * The request carries a credential that is not acceptable (401), is malformed as a request (400), or carries
     * one that cannot be checked now (503). The codes this type names keep their RFC 6750 §3.1 status, whoever
     * builds the rejection: {@link #INVALID_REQUEST} only with 400, {@link #INVALID_TOKEN} only with 401,
     * {@link #TEMPORARILY_UNAVAILABLE} only with 503; so no authenticator can answer 401 {@code invalid_request}.
     *
     * @param status 400, 401 or 503
     * @param error an RFC 6750 error code ({@link #INVALID_TOKEN}, {@link #INVALID_REQUEST}) or
     *     {@link #TEMPORARILY_UNAVAILABLE}
     * @param description a client-safe reason
     * @param retryAfter for 503, when to retry; {@link Duration#ZERO} for 401
     */
    record Rejected(int status, String error, String description, Duration retryAfter) implements AuthResult {
        /** Checks the values. */
        public Rejected {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(retryAfter, "retryAfter");
            if (status != 400 && status != 401 && status != 503) {
                throw new IllegalArgumentException("status must be 400, 401 or 503: " + status);
            }
            if (!error.matches("[a-z_]+")) {
                throw new IllegalArgumentException("error must be an RFC 6750 error code: " + error);
            }
            int paired = pairedStatus(error);
            if (paired != 0 && paired != status) {
                throw new IllegalArgumentException("error " + error + " goes with status " + paired + ", not " + status);
            }
        }

        /** @return the only status {@code error} may be answered with, or 0 for a code this type does not name */
        private static int pairedStatus(String error) {
            switch (error) {
                case INVALID_REQUEST:
                    return 400;
                case INVALID_TOKEN:
                    return 401;
                case TEMPORARILY_UNAVAILABLE:
                    return 503;
                default:
                    return 0;
            }
        }
    }

    /** The request carries no credential this authenticator understands. */
    record Abstained() implements AuthResult {
        private static final Abstained INSTANCE = new Abstained();
    }
}
