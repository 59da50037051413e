package dev.portcullis.api;

import java.util.Objects;

/**
 * An unchecked exception that carries the {@link Problem} to answer with. Use it where a problem cannot be returned
 * as a value: a body stream that goes over its size cap signals {@code onError(new ProblemException(...))}, and the
 * gateway answers with the problem (if the response is not yet committed) and cancels the upstream exchange.
 *
 * <p>It records no stack trace: it is an answer, not a bug.
 *
 * <pre>{@code
 * subscriber.onError(new ProblemException(Problem.builder(ProblemTypes.PAYLOAD_TOO_LARGE, 413, "Payload Too Large")
 *     .detail("The body is larger than 1048576 bytes.").build()));
 * }</pre>
 */
public final class ProblemException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Problem problem;

    /** @param problem the problem to answer with */
    public ProblemException(Problem problem) {
        super(Objects.requireNonNull(problem, "problem").toString(), null, false, false);
        this.problem = problem;
    }

    /** @return the problem to answer with */
    public Problem problem() {
        return problem;
    }
}
