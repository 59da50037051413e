package dev.portcullis.core.internal;

import dev.portcullis.api.HttpHeaders;
import dev.portcullis.api.Problem;
import dev.portcullis.api.ProblemTypes;
import java.util.Optional;

/**
 * Refuses request methods the gateway does not forward: a method that is not an RFC 9110 token or is longer than
 * {@value #MAX_LENGTH} characters (400), and {@code TRACE} unless allowed (405: a traced request echoes the
 * client's headers, credentials included, back from the upstream). The refusal never repeats the method. Thread-safe.
 */
public final class MethodGuard {
    /** The longest method token forwarded. */
    public static final int MAX_LENGTH = 32;
    private final boolean allowTrace;

    /** @param allowTrace whether {@code TRACE} is forwarded */
    public MethodGuard(boolean allowTrace) {
        this.allowTrace = allowTrace;
    }

    /**
     * @param method the request method, as received
     * @return the problem to answer, or empty when the method may be forwarded
     */
    public Optional<Problem> check(String method) {
        if (method == null || method.length() > MAX_LENGTH || !HttpHeaders.isToken(method)) {
            return Optional.of(Problem.builder(ProblemTypes.BAD_REQUEST, 400, "Bad Request")
                    .detail("The request method is not a token of at most " + MAX_LENGTH + " characters.").build());
        }
        if (!allowTrace && "TRACE".equals(method)) {
            return Optional.of(Problem.builder(ProblemTypes.METHOD_NOT_ALLOWED, 405, "Method Not Allowed")
                    .detail("TRACE is not allowed.").build());
        }
        return Optional.empty();
    }
}
