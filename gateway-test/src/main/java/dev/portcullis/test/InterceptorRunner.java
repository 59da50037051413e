package dev.portcullis.test;

import dev.portcullis.api.ExchangeEvent;
import dev.portcullis.api.ExchangeListener;
import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.Handler;
import dev.portcullis.api.Interceptor;
import dev.portcullis.api.Pipeline;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs interceptors against one request without a container: the real {@link Pipeline} chain (so the chain's
 * contract checks apply), ending in a terminal stub that records the request that reached it and answers 200 (or
 * what {@link #terminal(Handler)} says). {@link #run(GatewayRequest)} waits for the response, at most the
 * {@linkplain #timeout(Duration) timeout} (5 s): an interceptor whose stage never completes fails the test instead
 * of hanging it. Immutable and thread-safe: every setting returns a new runner.
 *
 * <pre>{@code
 * InterceptorRunner runner = InterceptorRunner.of(Routing.interceptor(routes), new TenantInterceptor());
 *
 * RunResult passed = runner.run(TestRequest.get("/api/orders").header("X-Tenant", "acme").build());
 * assertEquals("acme", passed.forwarded().attribute(TENANT).orElseThrow());
 *
 * RunResult refused = runner.run(TestRequest.get("/api/orders").build());
 * assertThatProblem(refused).hasStatus(400).hasType(TENANT_REQUIRED).hasRequestId();
 * }</pre>
 */
public final class InterceptorRunner {
    private static final Handler OK = request -> CompletableFuture.completedFuture(GatewayResponse.builder(200).build());

    private final Pipeline pipeline;
    private final Handler terminal;
    private final Duration timeout;

    private InterceptorRunner(Pipeline pipeline, Handler terminal, Duration timeout) {
        this.pipeline = pipeline;
        this.terminal = terminal;
        this.timeout = timeout;
    }

    /** @param interceptors the stages, in order @return a runner of them */
    public static InterceptorRunner of(Interceptor... interceptors) {
        return of(Pipeline.builder().addAll(List.of(interceptors)).build());
    }

    /** @param pipeline the stages @return a runner of them */
    public static InterceptorRunner of(Pipeline pipeline) {
        return new InterceptorRunner(Objects.requireNonNull(pipeline, "pipeline"), OK, Duration.ofSeconds(5));
    }

    /**
     * @param terminal what answers a request every stage let through (the gateway would proxy it or pass it to the
     *     application), e.g. {@code request -> CompletableFuture.completedFuture(GatewayResponse.builder(204).build())};
     *     default: 200, no headers, no body
     * @return a runner with that terminal
     */
    public InterceptorRunner terminal(Handler terminal) {
        return new InterceptorRunner(pipeline, Objects.requireNonNull(terminal, "terminal"), timeout);
    }

    /** @param timeout the longest a run may take, default 5 s @return a runner with that timeout */
    public InterceptorRunner timeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout: positive, got " + timeout);
        }
        return new InterceptorRunner(pipeline, terminal, timeout);
    }

    /**
     * @param request the request, e.g. from {@link TestRequest}
     * @return the response, what reached the terminal, and which stage answered
     * @throws AssertionError if the stages did not complete within the timeout, or completed exceptionally (the
     *     gateway would answer a 500): the cause is attached
     */
    public RunResult run(GatewayRequest request) {
        Attempt attempt = attempt(request);
        if (attempt.failure != null) {
            throw new AssertionError(pipeline.describe() + " failed on " + request + ": " + attempt.failure,
                    attempt.failure);
        }
        return new RunResult(request, attempt.response, attempt.forwarded.get(), attempt.answeredBy.get());
    }

    /**
     * For the contract's failures: an interceptor that throws, completes exceptionally, returns null or proceeds
     * twice.
     *
     * @param request the request
     * @return what the stages completed exceptionally with (the gateway would log it and answer a 500)
     * @throws AssertionError if they completed normally, or not within the timeout
     */
    public Throwable failure(GatewayRequest request) {
        Attempt attempt = attempt(request);
        if (attempt.failure == null) {
            throw new AssertionError(pipeline.describe() + " did not fail on " + request + ": it answered "
                    + attempt.response);
        }
        return attempt.failure;
    }

    private Attempt attempt(GatewayRequest request) {
        Objects.requireNonNull(request, "request");
        Attempt attempt = new Attempt();
        Handler recording = reached -> {
            attempt.forwarded.set(reached);
            return terminal.handle(reached);
        };
        ExchangeListener listener = event -> {
            if (event instanceof ExchangeEvent.StageAnswered answered) {
                attempt.answeredBy.compareAndSet(null, answered.stage());
            }
        };
        CompletableFuture<GatewayResponse> stage;
        try {
            stage = pipeline.execute(request, recording, listener).toCompletableFuture();
        } catch (RuntimeException e) {
            attempt.failure = e;
            return attempt;
        }
        try {
            attempt.response = stage.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            attempt.failure = e.getCause();
        } catch (TimeoutException e) {
            stage.cancel(true);
            throw new AssertionError(pipeline.describe() + " did not complete within " + timeout + " on " + request
                    + (attempt.forwarded.get() == null ? "" : " (the terminal was reached)"), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + pipeline.describe(), e);
        }
        return attempt;
    }

    /** One run's findings. */
    private static final class Attempt {
        private final AtomicReference<GatewayRequest> forwarded = new AtomicReference<>();
        private final AtomicReference<String> answeredBy = new AtomicReference<>();
        private GatewayResponse response;
        private Throwable failure;
    }
}
