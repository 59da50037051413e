package dev.portcullis.api.validation;

import dev.portcullis.api.GatewayRequest;
import java.util.concurrent.CompletionStage;

/**
 * Decides whether a request may continue. {@link Validation#interceptor(RequestValidator)} adapts a validator into
 * the pipeline.
 *
 * <p>Contract: complete with {@link ValidationResult.Valid} carrying the request to continue with (the same request,
 * or a copy whose body was buffered with {@link BodyLimits#collect(dev.portcullis.api.Body, long)} and replaced by
 * {@code Body.of(bytes)}), or with {@link ValidationResult.Invalid} listing the violations. A validator that must
 * answer with a problem of another kind (a body over its cap, malformed JSON) completes exceptionally with a
 * {@link dev.portcullis.api.ProblemException}; any other exception becomes a 500. Implementations are thread-safe and
 * never block: reading the body happens in the returned stage.
 *
 * <pre>{@code
 * RequestValidator tenantRequired = request -> CompletableFuture.completedFuture(
 *     request.headers().contains("X-Tenant")
 *         ? ValidationResult.valid(request)
 *         : ValidationResult.invalid(400, List.of(new Violation("/headers/X-Tenant", "is required"))));
 * }</pre>
 */
@FunctionalInterface
public interface RequestValidator {

    /**
     * @param request the request to check
     * @return the verdict, now or later; never null
     */
    CompletionStage<ValidationResult> validate(GatewayRequest request);
}
