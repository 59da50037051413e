package dev.portcullis.api.routing;

/**
 * Tells what the gateway knows of an upstream instance's state, for read-only views such as the admin listing. The
 * gateway itself knows only what is configured, so {@link #CONFIGURED_ONLY} reports {@value #CONFIGURED} for every
 * instance; a health checker or circuit breaker supplies its own implementation with words such as {@code healthy},
 * {@code unhealthy} or {@code open-circuit}.
 *
 * <p>Contract: thread-safe, quick, no I/O (answer from what was last observed); never called per request. A state
 * is a short lower-case word, shown as given.
 *
 * <pre>{@code
 * InstanceStates states = (route, instance) -> breakers.isOpen(instance) ? "open-circuit" : "configured";
 * }</pre>
 */
@FunctionalInterface
public interface InstanceStates {
    /** The state of an instance nothing observes: it is configured, and that is all the gateway knows. */
    String CONFIGURED = "configured";

    /** Reports {@value #CONFIGURED} for every instance. */
    InstanceStates CONFIGURED_ONLY = (route, instance) -> CONFIGURED;

    /**
     * @param route the route the instance serves
     * @param instance one of {@code route.upstreams().instances()}
     * @return its state, a short lower-case word
     */
    String state(Route route, Upstream instance);
}
