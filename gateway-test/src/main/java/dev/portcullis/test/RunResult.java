package dev.portcullis.test;

import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.Problem;
import dev.portcullis.api.validation.BodyLimits;
import dev.portcullis.core.ProblemResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What one {@link InterceptorRunner#run} found: the response the stages completed with, the request that reached the
 * terminal (if one did), and the stage that answered instead of proceeding (if one did). A problem response renders
 * exactly as the gateway would write it ({@link #rendered()}), so {@link ProblemAssert#assertThatProblem(RunResult)}
 * checks the same document a client would get. Immutable.
 *
 * <pre>{@code
 * RunResult result = runner.run(TestRequest.get("/api/orders").header("X-Tenant", "acme").build());
 * assertEquals(200, result.status());
 * assertEquals("acme", result.forwarded().headers().first("X-Tenant").orElseThrow());
 * }</pre>
 */
public final class RunResult {
    private static final int MAX_BODY_BYTES = 1 << 20;

    private final GatewayRequest request;
    private final GatewayResponse response;
    private final GatewayRequest forwarded;
    private final String answeredBy;

    RunResult(GatewayRequest request, GatewayResponse response, GatewayRequest forwarded, String answeredBy) {
        this.request = request;
        this.response = response;
        this.forwarded = forwarded;
        this.answeredBy = answeredBy;
    }

    /** @return the request the run started with */
    public GatewayRequest request() {
        return request;
    }

    /** @return the response the stages completed with */
    public GatewayResponse response() {
        return response;
    }

    /** @return its status (0 when it passes the request to the application) */
    public int status() {
        return response.status();
    }

    /** @return the problem the response reports, if it is one */
    public Optional<Problem> problem() {
        return response.problem();
    }

    /** @return whether a request got through every stage to the terminal */
    public boolean reachedTerminal() {
        return forwarded != null;
    }

    /**
     * @return the request as it reached the terminal, with every change and attribute the stages made
     * @throws AssertionError if none did, naming the stage that answered
     */
    public GatewayRequest forwarded() {
        if (forwarded == null) {
            throw new AssertionError("no request reached the terminal: "
                    + answeredBy().map(stage -> stage + " answered ").orElse("the stages answered ") + response);
        }
        return forwarded;
    }

    /** @return the name of the stage that answered instead of proceeding, if one did */
    public Optional<String> answeredBy() {
        return Optional.ofNullable(answeredBy);
    }

    /**
     * @return the response body as UTF-8 text, read within 5 s (at most 1 MiB); a problem's body is rendered by the
     *     gateway, see {@link #rendered()}
     * @throws AssertionError if the body fails, is larger, or does not end in time
     */
    public String bodyText() {
        try {
            byte[] bytes = BodyLimits.collect(response.body(), MAX_BODY_BYTES).toCompletableFuture()
                    .get(5, TimeUnit.SECONDS);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("the response body could not be read: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while reading the response body", e);
        }
    }

    /**
     * @return the problem as the gateway would write it: status, the response's headers plus {@code X-Request-Id}
     *     (the request's id), {@code Cache-Control}, {@code Content-Type} and {@code Content-Length}, and the
     *     {@code application/problem+json} document
     * @throws AssertionError if the response is not a problem
     */
    public ProblemResponse rendered() {
        Problem problem = response.problem().orElseThrow(() -> new AssertionError(
                "expected a problem, but the stages answered " + (response.passesToApplication()
                        ? "by passing the request to the application" : response.toString())));
        return ProblemResponse.of(problem, response.headers(), "X-Request-Id", request.id());
    }

    @Override
    public String toString() {
        return "RunResult[" + response + answeredBy().map(stage -> " from " + stage).orElse("")
                + (forwarded == null ? "" : ", terminal reached") + ']';
    }
}
