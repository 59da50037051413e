package dev.portcullis.core.resilience;

import dev.portcullis.api.AttributeKey;
import java.util.Objects;
import java.util.Optional;

/**
 * How the reverse proxy protects one route's upstream group and its clients from upstream failure: active
 * {@link HealthCheck}s, passive {@link OutlierEjection}, a {@link CircuitBreaker} and {@link Retries}. Set it on a
 * route as metadata under {@link #KEY}; a route without it gets {@link #defaults()}. Immutable; one value may serve
 * many routes, and each route's group keeps its own state (health, ejections, counters, budget).
 *
 * <pre>{@code
 * Route orders = Route.builder("orders").path("/orders/**")
 *     .upstream("http://10.0.0.5:8080").upstream("http://10.0.0.6:8080").upstream("http://10.0.0.7:8080")
 *     .loadBalancer(LoadBalancers.leastRequests())
 *     .metadata(Resilience.KEY, Resilience.builder()
 *         .healthCheck(HealthCheck.builder("/health").interval(Duration.ofSeconds(5)).build())
 *         .outlierEjection(OutlierEjection.builder().consecutiveFailures(3).build())
 *         .circuitBreaker(CircuitBreaker.builder().maxRequests(200).maxPending(50).build())
 *         .retries(Retries.builder().maxRetries(2).statuses(503).build())
 *         .build())
 *     .build();
 * }</pre>
 */
public final class Resilience {
    /** A route's resilience settings, read by the reverse proxy from {@code Route.metadata()}. */
    public static final AttributeKey<Resilience> KEY = AttributeKey.of("resilience", Resilience.class);
    private static final Resilience DEFAULTS = new Builder().build();

    private final HealthCheck healthCheck;
    private final OutlierEjection outlierEjection;
    private final CircuitBreaker circuitBreaker;
    private final Retries retries;

    private Resilience(Builder b) {
        this.healthCheck = b.healthCheck;
        this.outlierEjection = b.outlierEjection;
        this.circuitBreaker = b.circuitBreaker;
        this.retries = b.retries;
    }

    /**
     * @return what a route without settings gets: no health checks, {@link OutlierEjection#defaults()},
     *     {@link CircuitBreaker#defaults()}, no retries
     */
    public static Resilience defaults() {
        return DEFAULTS;
    }

    /** @return a builder starting from {@link #defaults()} */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the active health checks; empty: none, every instance counts as healthy */
    public Optional<HealthCheck> healthCheck() {
        return Optional.ofNullable(healthCheck);
    }

    /** @return the passive outlier detection */
    public OutlierEjection outlierEjection() {
        return outlierEjection;
    }

    /** @return the caps on upstream requests */
    public CircuitBreaker circuitBreaker() {
        return circuitBreaker;
    }

    /** @return the retry settings; empty: no retries */
    public Optional<Retries> retries() {
        return Optional.ofNullable(retries);
    }

    /** Equal when every setting is equal, so a reload with the same settings keeps the route's resilience state. */
    @Override
    public boolean equals(Object other) {
        if (other == this) {
            return true;
        }
        return other instanceof Resilience that && Objects.equals(healthCheck, that.healthCheck)
                && Objects.equals(outlierEjection, that.outlierEjection)
                && Objects.equals(circuitBreaker, that.circuitBreaker) && Objects.equals(retries, that.retries);
    }

    @Override
    public int hashCode() {
        return Objects.hash(healthCheck, outlierEjection, circuitBreaker, retries);
    }

    @Override
    public String toString() {
        return "Resilience[" + (healthCheck == null ? "no health checks" : healthCheck) + ", " + outlierEjection
                + ", " + circuitBreaker + ", " + (retries == null ? "no retries" : retries) + "]";
    }

    /** Collects a {@link Resilience}; {@link #build()} returns it. Not thread-safe. */
    public static final class Builder {
        private HealthCheck healthCheck;
        private OutlierEjection outlierEjection = OutlierEjection.defaults();
        private CircuitBreaker circuitBreaker = CircuitBreaker.defaults();
        private Retries retries;

        private Builder() {
        }

        /** @param check active health checks, default none @return this builder */
        public Builder healthCheck(HealthCheck check) {
            this.healthCheck = Objects.requireNonNull(check, "healthCheck");
            return this;
        }

        /**
         * @param ejection passive outlier detection, default {@link OutlierEjection#defaults()};
         *     {@link OutlierEjection#off()} for none
         * @return this builder
         */
        public Builder outlierEjection(OutlierEjection ejection) {
            this.outlierEjection = Objects.requireNonNull(ejection, "outlierEjection");
            return this;
        }

        /** @param breaker caps on upstream requests, default {@link CircuitBreaker#defaults()} @return this builder */
        public Builder circuitBreaker(CircuitBreaker breaker) {
            this.circuitBreaker = Objects.requireNonNull(breaker, "circuitBreaker");
            return this;
        }

        /** @param retries retries of failed upstream requests, default none @return this builder */
        public Builder retries(Retries retries) {
            this.retries = Objects.requireNonNull(retries, "retries");
            return this;
        }

        /** @return the settings */
        public Resilience build() {
            return new Resilience(this);
        }
    }
}
