package dev.portcullis.api.validation;

import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.Problem;
import dev.portcullis.api.ProblemTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The verdict of a {@link RequestValidator}: {@link Valid} or {@link Invalid}. A closed family; branch with
 * {@code instanceof}.
 *
 * <pre>{@code
 * ValidationResult ok = ValidationResult.valid(request.toBuilder().body(Body.of(bytes)).build());
 * ValidationResult bad = ValidationResult.invalid(422, List.of(new Violation("/name", "is required")));
 * }</pre>
 */
public sealed interface ValidationResult permits ValidationResult.Valid, ValidationResult.Invalid {

    /**
     * @param request the request to continue with
     * @return a valid verdict
     */
    static ValidationResult valid(GatewayRequest request) {
        return new Valid(request);
    }

    /**
     * @param status the 4xx status to answer with (400 or 422 are usual)
     * @param violations one or more violations
     * @return an invalid verdict
     */
    static ValidationResult invalid(int status, List<Violation> violations) {
        return new Invalid(status, violations);
    }

    /**
     * The request may continue.
     *
     * @param request the request to continue with; may carry a buffered, replayable body
     */
    record Valid(GatewayRequest request) implements ValidationResult {
        /** Checks the value. */
        public Valid {
            Objects.requireNonNull(request, "request");
        }
    }

    /**
     * The request is refused.
     *
     * @param status a 4xx status
     * @param violations at least one violation, in a stable order
     */
    record Invalid(int status, List<Violation> violations) implements ValidationResult {
        /** Checks and copies the values. */
        public Invalid {
            if (status < 400 || status > 499) {
                throw new IllegalArgumentException("status of an invalid verdict must be 4xx: " + status);
            }
            violations = List.copyOf(violations);
            if (violations.isEmpty()) {
                throw new IllegalArgumentException("an invalid verdict needs at least one violation");
            }
        }

        /**
         * @return the {@link ProblemTypes#VALIDATION_FAILED} problem with a {@code violations} member: a list of
         *     {@code {pointer, message}} objects
         */
        public Problem toProblem() {
            List<Map<String, Object>> members = new ArrayList<>(violations.size());
            violations.forEach(v -> members.add(v.toMap()));
            String detail = violations.size() == 1
                    ? "The request has 1 violation."
                    : "The request has " + violations.size() + " violations.";
            return Problem.builder(ProblemTypes.VALIDATION_FAILED, status, "Validation Failed")
                    .detail(detail)
                    .extension("violations", List.copyOf(members))
                    .build();
        }
    }
}
