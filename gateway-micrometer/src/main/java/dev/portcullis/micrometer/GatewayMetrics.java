package dev.portcullis.micrometer;

import dev.portcullis.api.ExchangeEvent;
import dev.portcullis.api.ExchangeListener;
import dev.portcullis.api.auth.IdentityProviderListener;
import dev.portcullis.core.Gateway;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The gateway's metrics on Micrometer. As an {@link ExchangeListener} it times every exchange and upstream call,
 * counts rejections and bytes and keeps the in-flight gauge; {@link #bindTo(Gateway)} adds the rate-limit counters of
 * the gateway's pipeline and the upstream client's connection pool gauges; {@link #identityProviders()} times JWKS
 * fetches and token introspections when given to a {@code JwtIssuer} or {@code IntrospectionAuthenticator}.
 *
 * <pre>{@code
 * PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
 * GatewayMetrics metrics = GatewayMetrics.builder(registry).build();
 * JwtIssuer issuer = JwtIssuer.builder(iss).jwksUri(jwks).listener(metrics.identityProviders()).build();
 * GatewayFilter filter = GatewayFilter.builder().pipeline(pipeline).listener(metrics).build();
 * metrics.bindTo(filter.gateway());
 * }</pre>
 *
 * <p>The meters (Prometheus names in brackets):
 * <ul>
 *   <li>{@value #REQUESTS} ({@code portcullis_requests_seconds}), a timer with tags {@code route} (the route id, or
 *       {@code none} when no route matched), {@code method} (the nine standard methods, {@code other}, or
 *       {@code UNKNOWN} when the gateway refused the request before reading it), {@code status} ({@code 2xx} ...,
 *       {@code none} when no response head was sent) and {@code outcome} ({@code completed}, {@code application},
 *       {@code client-gone}, {@code upstream-failed}), with histogram buckets at the
 *       {@linkplain Builder#serviceLevelObjectives service-level objectives};</li>
 *   <li>{@value #REQUESTS_ACTIVE}, a gauge of exchanges in flight;</li>
 *   <li>{@value #RESPONSE_BYTES}, a summary of response body bytes the gateway wrote, by {@code route};</li>
 *   <li>{@value #UPSTREAM_REQUESTS}, a timer to the upstream's response headers (or the failure) by {@code instance}
 *       (the configured base URI), {@code status} class and {@code outcome} ({@code answered}, {@code unavailable},
 *       {@code timeout}, {@code overloaded}, {@code failed});</li>
 *   <li>{@value #REJECTIONS}, a counter of requests a stage answered itself, by {@code stage} name, problem
 *       {@code type} ({@code none} without a problem) and exact {@code status};</li>
 *   <li>{@value #RATE_LIMIT_DECISIONS} by {@code stage} and {@code decision} ({@code allowed}, {@code limited}), and
 *       {@value #RATE_LIMIT_STORE_FAILURES} by {@code stage} and {@code mode} ({@code fail-open},
 *       {@code fail-closed});</li>
 *   <li>{@value #IDENTITY_CALLS}, a timer by {@code kind} ({@code jwks}, {@code introspection}), {@code provider}
 *       and {@code outcome} ({@code success}, {@code error}, {@code timeout});</li>
 *   <li>{@value #UPSTREAM_CONNECTIONS} by {@code destination} and {@code state} ({@code active}, {@code idle},
 *       {@code pending}), {@value #UPSTREAM_CONNECTIONS_MAX} and {@value #UPSTREAM_QUEUED} by {@code destination},
 *       for clients that can observe their pool (the Jetty client; not the JDK client).</li>
 * </ul>
 * Tag values are configured names or words from fixed sets, never raw request data, so the number of time series is
 * bounded whatever clients send; in addition each kind of name (routes, instances, stages, problem types, providers)
 * is capped at {@link Builder#maxTagValues(int)} (problem types at 64 per stage), beyond which names are tagged
 * {@code other}.
 *
 * <p>Thread-safe. Recording an exchange allocates nothing once its meters exist (a rejection boxes its status code).
 */
public final class GatewayMetrics implements ExchangeListener {
    /** Exchanges, from admission to the end of the response. */
    public static final String REQUESTS = "portcullis.requests";
    /** Exchanges in flight. */
    public static final String REQUESTS_ACTIVE = "portcullis.requests.active";
    /** Response body bytes the gateway wrote. */
    public static final String RESPONSE_BYTES = "portcullis.response.bytes";
    /** Upstream calls, to the response headers or the failure. */
    public static final String UPSTREAM_REQUESTS = "portcullis.upstream.requests";
    /** Requests a stage answered itself. */
    public static final String REJECTIONS = "portcullis.rejections";
    /** Rate-limit decisions. */
    public static final String RATE_LIMIT_DECISIONS = "portcullis.ratelimit.decisions";
    /** Rate-limit decisions made without the store, which was unavailable. */
    public static final String RATE_LIMIT_STORE_FAILURES = "portcullis.ratelimit.store.failures";
    /** Calls to identity providers. */
    public static final String IDENTITY_CALLS = "portcullis.identity.calls";
    /** Upstream connections by state. */
    public static final String UPSTREAM_CONNECTIONS = "portcullis.upstream.connections";
    /** The most upstream connections per destination. */
    public static final String UPSTREAM_CONNECTIONS_MAX = "portcullis.upstream.connections.max";
    /** Upstream requests waiting for a connection. */
    public static final String UPSTREAM_QUEUED = "portcullis.upstream.queued";
    /** The default histogram buckets: 5, 10, 25, 50, 100, 250 and 500 ms, 1, 2.5, 5 and 10 s. */
    public static final List<Duration> DEFAULT_SERVICE_LEVEL_OBJECTIVES = List.of(Duration.ofMillis(5),
            Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10));

    private final MeterRegistry registry;
    private final ExchangeMeters exchanges;
    private final IdentityProviderMeters identityProviders;

    private GatewayMetrics(Builder builder) {
        Duration[] slos = builder.slos.toArray(Duration[]::new);
        this.registry = builder.registry;
        this.exchanges = new ExchangeMeters(registry, slos, builder.maxTagValues);
        this.identityProviders = new IdentityProviderMeters(registry, slos, builder.maxTagValues);
    }

    /**
     * @param registry where the meters go
     * @return a builder
     */
    public static Builder builder(MeterRegistry registry) {
        return new Builder(Objects.requireNonNull(registry, "registry"));
    }

    @Override
    public void onEvent(ExchangeEvent event) {
        exchanges.onEvent(event);
    }

    /**
     * Binds what a built gateway holds: the counters of every rate-limiting stage of its pipeline (found by type,
     * named by stage) and the connection pool gauges of its upstream client for every destination its routes name.
     * Call once per gateway, after building it; the values are read at each scrape.
     *
     * @param gateway the gateway, e.g. {@code filter.gateway()}
     * @return this
     */
    public GatewayMetrics bindTo(Gateway gateway) {
        Objects.requireNonNull(gateway, "gateway");
        RateLimitMeters.bind(registry, gateway);
        PoolMeters.bind(registry, gateway);
        return this;
    }

    /** @return a listener timing identity-provider calls; give it to each JWT issuer and introspection authenticator */
    public IdentityProviderListener identityProviders() {
        return identityProviders;
    }

    /** Collects the settings of {@link GatewayMetrics}. Not thread-safe. */
    public static final class Builder {
        private final MeterRegistry registry;
        private List<Duration> slos = DEFAULT_SERVICE_LEVEL_OBJECTIVES;
        private int maxTagValues = 1_000;

        private Builder(MeterRegistry registry) {
            this.registry = registry;
        }

        /**
         * @param objectives the histogram bucket bounds of the timers, each positive; default
         *     {@link #DEFAULT_SERVICE_LEVEL_OBJECTIVES}
         * @return this builder
         */
        public Builder serviceLevelObjectives(Duration... objectives) {
            this.slos = List.of(objectives);
            return this;
        }

        /**
         * @param max the most distinct values of each kind of name (routes, instances, stages, providers), at least
         *     1, default 1,000; further names are tagged {@code other}
         * @return this builder
         */
        public Builder maxTagValues(int max) {
            this.maxTagValues = max;
            return this;
        }

        /**
         * @return the metrics, registering the in-flight gauge
         * @throws IllegalArgumentException naming the setting that is out of range
         */
        public GatewayMetrics build() {
            for (Duration objective : slos) {
                if (objective.isNegative() || objective.isZero()) {
                    throw new IllegalArgumentException("serviceLevelObjectives: must be positive, was " + objective);
                }
            }
            if (maxTagValues < 1) {
                throw new IllegalArgumentException("maxTagValues: must be at least 1, was " + maxTagValues);
            }
            return new GatewayMetrics(this);
        }
    }
}
