package dev.portcullis.auth.internal;

import dev.portcullis.api.auth.AuthResult;
import java.time.Duration;

/** Carries a rejection out of verification code; stackless, since it is an answer and not a bug. */
public final class TokenRejection extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient AuthResult.Rejected result;

    private TokenRejection(AuthResult.Rejected result) {
        super(result.description(), null, false, false);
        this.result = result;
    }

    /** @param description a client-safe reason @return a 401 {@code invalid_token} rejection */
    public static TokenRejection invalid(String description) {
        return new TokenRejection((AuthResult.Rejected) AuthResult.invalidToken(description));
    }

    /** @param description a client-safe reason @param retryAfter the hint @return a 503 rejection */
    public static TokenRejection unavailable(String description, Duration retryAfter) {
        return new TokenRejection((AuthResult.Rejected) AuthResult.unavailable(description, retryAfter));
    }

    /** @return the rejection to answer with */
    public AuthResult.Rejected result() {
        return result;
    }

    /**
     * Finds the rejection in a failed stage's cause chain.
     *
     * @param failure what a stage failed with (often a {@code CompletionException})
     * @return the rejection, or null when the failure is something else
     */
    public static TokenRejection find(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TokenRejection rejection) {
                return rejection;
            }
        }
        return null;
    }
}
