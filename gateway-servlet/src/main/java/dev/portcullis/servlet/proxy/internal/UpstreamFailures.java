package dev.portcullis.servlet.proxy.internal;

import dev.portcullis.api.Problem;
import dev.portcullis.api.ProblemException;
import dev.portcullis.api.ProblemTypes;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.util.Optional;

/**
 * Maps why an upstream exchange failed to the problem the client gets, never naming the upstream: a timeout is a
 * 504, any other I/O failure a 502, and a {@link ProblemException} anywhere in the causes (a request body over its
 * limit) is that problem. Anything else is not an upstream fault and is left to the caller.
 */
public final class UpstreamFailures {
    private UpstreamFailures() {
    }

    /**
     * @param failure why the exchange failed
     * @return the problem to answer with, or empty when the failure is a bug rather than an upstream fault
     */
    public static Optional<Problem> toProblem(Throwable failure) {
        Optional<ProblemException> answer = find(failure, ProblemException.class);
        if (answer.isPresent()) {
            return Optional.of(answer.get().problem());
        }
        if (find(failure, HttpTimeoutException.class).isPresent()) {
            return Optional.of(Problem.builder(ProblemTypes.UPSTREAM_TIMEOUT, 504, "Gateway Timeout")
                    .detail("The upstream service did not answer in time.").build());
        }
        if (find(failure, IOException.class).isPresent()) {
            return Optional.of(Problem.builder(ProblemTypes.UPSTREAM_UNAVAILABLE, 502, "Bad Gateway")
                    .detail("The upstream service could not be reached or sent an invalid response.").build());
        }
        return Optional.empty();
    }

    /**
     * @param failure a throwable
     * @param type the type to look for
     * @param <T> the type
     * @return the first throwable of that type in the cause chain
     */
    public static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }
}
