package dev.portcullis.api.validation;

import dev.portcullis.api.Chain;
import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.Interceptor;
import dev.portcullis.api.ProblemException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Adapts a {@link RequestValidator} into the pipeline.
 *
 * <p>{@link ValidationResult.Valid} proceeds with the request it carries; {@link ValidationResult.Invalid} answers
 * with a {@code validation-failed} problem ({@link ValidationResult.Invalid#toProblem()}) whose {@code violations}
 * member lists {@code {pointer, message}} objects; a {@link ProblemException} from the validator (413, invalid JSON)
 * answers with its problem. Other failures propagate and become a 500.
 *
 * <pre>{@code
 * Pipeline.builder()
 *     .add(Routing.interceptor(routes))
 *     .add(Validation.interceptor(jsonSchemaValidator))
 *     .build();
 * }</pre>
 */
public final class Validation {
    private Validation() {
    }

    /**
     * @param validator the decision
     * @return an interceptor named {@code Validation}
     */
    public static Interceptor interceptor(RequestValidator validator) {
        Objects.requireNonNull(validator, "validator");
        return Interceptor.named("Validation", chain -> validator.validate(chain.request())
                .handle((result, error) -> decide(chain, result, error))
                .thenCompose(stage -> stage));
    }

    private static CompletionStage<GatewayResponse> decide(Chain chain, ValidationResult result, Throwable error) {
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            if (cause instanceof ProblemException problem) {
                return CompletableFuture.completedFuture(GatewayResponse.problem(problem.problem()));
            }
            return CompletableFuture.failedFuture(cause);
        }
        if (result instanceof ValidationResult.Valid valid) {
            return chain.proceed(valid.request());
        }
        if (result instanceof ValidationResult.Invalid invalid) {
            return CompletableFuture.completedFuture(GatewayResponse.problem(invalid.toProblem()));
        }
        return CompletableFuture.failedFuture(new IllegalStateException("validator completed with null"));
    }
}
