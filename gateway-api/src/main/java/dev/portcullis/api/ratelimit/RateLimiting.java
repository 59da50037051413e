package dev.portcullis.api.ratelimit;

import java.util.Objects;

/**
 * Adapts a {@link RateLimiter} into the pipeline.
 *
 * <p>What the interceptor answers, per {@link RateLimitDecision}:
 * <ul>
 *   <li>{@code Allowed}: proceeds, and adds {@code RateLimit-Policy} and {@code RateLimit}
 *       (draft-ietf-httpapi-ratelimit-headers) to the response it gets back, whatever made it: the upstream, the
 *       servlet application (pass-to-application responses carry them too) or a later stage's problem;</li>
 *   <li>{@code Limited}: answers 429 {@code application/problem+json} of type {@code ProblemTypes.RATE_LIMITED} with
 *       {@code Retry-After} and the same fields ({@code r=0}); the rest of the pipeline and the upstream are never
 *       called;</li>
 *   <li>{@code StoreUnavailable}: {@link FailureMode#FAIL_OPEN} proceeds without fields, logs a warning when the store
 *       goes down and counts every such request in {@link RateLimitMetrics#failedOpen()};
 *       {@link FailureMode#FAIL_CLOSED} answers 503 {@code ProblemTypes.SERVICE_UNAVAILABLE} with
 *       {@code Retry-After}. Never a 500;</li>
 *   <li>{@code NotLimited}: proceeds untouched.</li>
 * </ul>
 *
 * <p>On the wire, for a policy of 20 per second and 1000 per hour:
 * <pre>
 * RateLimit-Policy: "burst";q=20;w=1, "hourly";q=1000;w=3600
 * RateLimit: "burst";r=12;t=1
 * </pre>
 *
 * <p><b>Order.</b> The pipeline runs stages in the order added, and the limiter sees only what earlier stages set.
 * Put a per-IP limiter <em>before</em> authentication so a flood of bad tokens is turned away without a signature
 * check each, and a per-subject limiter <em>after</em> it, where the principal is known:
 * <pre>{@code
 * Pipeline.builder()
 *     .add(Routing.interceptor(routes))
 *     .add(RateLimiting.interceptor(perIpLimiter))        // cheap, runs on every request
 *     .add(authentication)                                // sets GatewayPrincipal.ATTRIBUTE
 *     .add(RateLimiting.interceptor(perSubjectLimiter))   // keyed by the principal
 *     .build();
 * }</pre>
 */
public final class RateLimiting {
    private RateLimiting() {
    }

    /**
     * @param limiter the decision
     * @return an interceptor with the IETF fields visible and the legacy ones off
     */
    public static RateLimitInterceptor interceptor(RateLimiter limiter) {
        return builder(limiter).build();
    }

    /**
     * @param limiter the decision
     * @return a builder to choose which fields are sent
     */
    public static Builder builder(RateLimiter limiter) {
        return new Builder(limiter);
    }

    /** Collects the options of a {@link RateLimitInterceptor}. Not thread-safe. */
    public static final class Builder {
        private final RateLimiter limiter;
        private String name = "RateLimiting";
        private boolean visible = true;
        private boolean legacy;

        private Builder(RateLimiter limiter) {
            this.limiter = Objects.requireNonNull(limiter, "limiter");
        }

        /** @param name the interceptor's name in logs and the pipeline description @return this builder */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * @param legacy also send {@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining} and
         *     {@code X-RateLimit-Reset} (delta seconds); default off
         * @return this builder
         */
        public Builder legacyHeaders(boolean legacy) {
            this.legacy = legacy;
            return this;
        }

        /**
         * Sends no rate-limit fields at all, so clients cannot read the policy. A 429 or 503 still carries
         * {@code Retry-After}.
         *
         * @return this builder
         */
        public Builder hideHeaders() {
            this.visible = false;
            return this;
        }

        /**
         * @return the interceptor
         * @throws IllegalArgumentException if the name is blank or legacy fields were asked for while hidden
         */
        public RateLimitInterceptor build() {
            if (name.isBlank()) {
                throw new IllegalArgumentException("name must not be blank");
            }
            if (legacy && !visible) {
                throw new IllegalArgumentException("legacyHeaders(true) contradicts hideHeaders()");
            }
            return new RateLimitInterceptor(name, limiter, new RateLimitFields(visible, legacy));
        }
    }
}
