package dev.portcullis.api;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * What happens to an upstream instance, as opposed to one exchange: an {@link ExchangeListener} hears these through
 * {@link ExchangeListener#onUpstreamEvent(UpstreamEvent)}. An instance that may not serve is skipped by the load
 * balancers until it may again. The kinds form a closed family:
 * <ul>
 *   <li>{@link Ejected}, then {@link Restored}: passive outlier detection took the instance out after consecutive
 *       failures of real requests, for a time that grows with each ejection, and the time is over;</li>
 *   <li>{@link HealthChanged}: active health checks crossed the unhealthy or the healthy threshold.</li>
 * </ul>
 * Values come from configuration (route ids, instance URIs), so they make bounded metric tags.
 *
 * <pre>{@code
 * ExchangeListener ejections = new ExchangeListener() {
 *     public void onEvent(ExchangeEvent event) { }
 *     public void onUpstreamEvent(UpstreamEvent event) {
 *         if (event instanceof UpstreamEvent.Ejected ejected) {
 *             alerts.offer(ejected.routeId() + " ejected " + ejected.instance() + " for " + ejected.duration());
 *         }
 *     }
 * };
 * }</pre>
 */
public sealed interface UpstreamEvent {
    /** @return the id of the route whose instance this is */
    String routeId();

    /** @return the instance's base URI */
    URI instance();

    /**
     * Passive outlier detection took the instance out of its route's rotation.
     *
     * @param routeId the route
     * @param instance the instance
     * @param duration how long it stays out
     */
    record Ejected(String routeId, URI instance, Duration duration) implements UpstreamEvent {
        /** Checks the values. */
        public Ejected {
            Objects.requireNonNull(routeId, "routeId");
            Objects.requireNonNull(instance, "instance");
            Objects.requireNonNull(duration, "duration");
        }
    }

    /**
     * An ejected instance's time is over; it serves again.
     *
     * @param routeId the route
     * @param instance the instance
     */
    record Restored(String routeId, URI instance) implements UpstreamEvent {
        /** Checks the values. */
        public Restored {
            Objects.requireNonNull(routeId, "routeId");
            Objects.requireNonNull(instance, "instance");
        }
    }

    /**
     * Active health checks found the instance unhealthy (after the unhealthy threshold of failed checks in a row) or
     * healthy again (after the healthy threshold of passed checks in a row).
     *
     * @param routeId the route
     * @param instance the instance
     * @param healthy whether it is healthy now
     */
    record HealthChanged(String routeId, URI instance, boolean healthy) implements UpstreamEvent {
        /** Checks the values. */
        public HealthChanged {
            Objects.requireNonNull(routeId, "routeId");
            Objects.requireNonNull(instance, "instance");
        }
    }
}
