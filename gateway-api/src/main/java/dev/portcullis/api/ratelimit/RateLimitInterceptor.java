package dev.portcullis.api.ratelimit;

import dev.portcullis.api.Chain;
import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.Interceptor;
import dev.portcullis.api.Problem;
import dev.portcullis.api.ProblemTypes;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The interceptor made by {@link RateLimiting}: applies a {@link RateLimiter}'s decision (see {@link RateLimiting}
 * for the answers) and counts outcomes in {@link #metrics()}. Thread-safe; holds no per-request state.
 *
 * <pre>{@code
 * RateLimitInterceptor limits = RateLimiting.builder(limiter).legacyHeaders(true).build();
 * Pipeline.builder().add(limits).build();
 * }</pre>
 */
public final class RateLimitInterceptor implements Interceptor {
    private static final System.Logger LOG = System.getLogger(RateLimitInterceptor.class.getName());

    private final String name;
    private final RateLimiter limiter;
    private final RateLimitFields fields;
    private final RateLimitMetrics metrics = new RateLimitMetrics();
    private final AtomicBoolean storeDown = new AtomicBoolean();

    RateLimitInterceptor(String name, RateLimiter limiter, RateLimitFields fields) {
        this.name = name;
        this.limiter = limiter;
        this.fields = fields;
    }

    @Override
    public CompletionStage<GatewayResponse> intercept(Chain chain) {
        CompletionStage<RateLimitDecision> decision = limiter.decide(chain.request());
        if (decision == null) {
            throw new IllegalStateException("rate limiter " + limiter + " returned null");
        }
        return decision.thenCompose(d -> apply(chain, d));
    }

    /** @return the counters of this interceptor */
    public RateLimitMetrics metrics() {
        return metrics;
    }

    @Override
    public String name() {
        return name;
    }

    private CompletionStage<GatewayResponse> apply(Chain chain, RateLimitDecision decision) {
        if (decision instanceof RateLimitDecision.Allowed allowed) {
            storeIsUp();
            metrics.countAllowed();
            return chain.proceed(chain.request()).thenApply(response -> response.toBuilder()
                    .headers(fields.write(response.headers(), allowed.policy(), allowed.limit(),
                            allowed.remaining(), allowed.reset()))
                    .build());
        }
        if (decision instanceof RateLimitDecision.Limited limited) {
            storeIsUp();
            metrics.countLimited();
            return answer(limited(limited));
        }
        if (decision instanceof RateLimitDecision.StoreUnavailable unavailable) {
            storeIsDown(unavailable);
            if (unavailable.mode() == FailureMode.FAIL_OPEN) {
                metrics.countFailedOpen();
                return chain.proceed(chain.request());
            }
            metrics.countFailedClosed();
            return answer(unavailable(unavailable));
        }
        if (decision instanceof RateLimitDecision.NotLimited) {
            return chain.proceed(chain.request());
        }
        throw new IllegalStateException("rate limiter " + limiter + " completed with null");
    }

    private GatewayResponse limited(RateLimitDecision.Limited limited) {
        Problem problem = Problem.builder(ProblemTypes.RATE_LIMITED, 429, "Too Many Requests")
                .detail("The rate limit '" + limited.limit().name() + "' of " + limited.limit().quota()
                        + " per " + limited.limit().window().getSeconds() + " s is used up.")
                .build();
        GatewayResponse response = GatewayResponse.problem(problem);
        return response.toBuilder()
                .headers(fields.write(response.headers(), limited.policy(), limited.limit(), 0, limited.retryAfter())
                        .toBuilder().set(RateLimitFields.RETRY_AFTER, retryAfter(limited.retryAfter())).build())
                .build();
    }

    private static GatewayResponse unavailable(RateLimitDecision.StoreUnavailable unavailable) {
        Problem problem = Problem.builder(ProblemTypes.SERVICE_UNAVAILABLE, 503, "Service Unavailable")
                .detail("The rate limit cannot be checked right now.")
                .build();
        return GatewayResponse.problem(problem)
                .withHeader(RateLimitFields.RETRY_AFTER, retryAfter(unavailable.retryAfter()));
    }

    private static String retryAfter(Duration wait) {
        return Long.toString(Math.max(1, RateLimitFields.seconds(wait)));
    }

    private static CompletionStage<GatewayResponse> answer(GatewayResponse response) {
        return CompletableFuture.completedFuture(response);
    }

    private void storeIsDown(RateLimitDecision.StoreUnavailable unavailable) {
        if (storeDown.compareAndSet(false, true)) {
            LOG.log(Level.WARNING, "{0}: rate-limit store unavailable ({1}); failing {2} until it answers again, "
                    + "counted in metrics", name, unavailable.reason(),
                    unavailable.mode() == FailureMode.FAIL_OPEN ? "open" : "closed");
        }
    }

    private void storeIsUp() {
        if (storeDown.get() && storeDown.compareAndSet(true, false)) {
            LOG.log(Level.INFO, "{0}: rate-limit store answers again", name);
        }
    }
}
