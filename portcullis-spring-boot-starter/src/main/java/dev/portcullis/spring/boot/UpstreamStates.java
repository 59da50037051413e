package dev.portcullis.spring.boot;

import dev.portcullis.api.ExchangeEvent;
import dev.portcullis.api.ExchangeListener;
import dev.portcullis.api.UpstreamEvent;
import dev.portcullis.api.routing.InstanceStates;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.Upstream;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the last thing the gateway reported about each upstream instance (an ejection, a restore, a health
 * check crossing a threshold) and answers it as the instance's state for the Actuator endpoint and the health
 * indicator: {@value #HEALTHY}, {@value #UNHEALTHY}, {@value #EJECTED}, {@value #RESTORED}, or
 * {@value InstanceStates#CONFIGURED} while nothing was reported. Thread-safe; the entries are keyed by configured
 * route ids and instance URIs, so their number is bounded by the configurations the gateway has run.
 *
 * <pre>{@code
 * UpstreamStates states = new UpstreamStates();
 * GatewayFilter filter = GatewayFilter.builder().pipeline(pipeline).listener(states).build();
 * boolean serving = UpstreamStates.serving(states.state(route, instance));
 * }</pre>
 */
public final class UpstreamStates implements ExchangeListener, InstanceStates {
    /** Active health checks found the instance healthy. */
    public static final String HEALTHY = "healthy";
    /** Active health checks found the instance unhealthy: it gets no requests. */
    public static final String UNHEALTHY = "unhealthy";
    /** Outlier detection took the instance out of rotation for a while. */
    public static final String EJECTED = "ejected";
    /** The instance's ejection is over; it serves again. */
    public static final String RESTORED = "restored";

    private final Map<Key, String> states = new ConcurrentHashMap<>();

    /**
     * @param state a state this class reports
     * @return whether an instance in that state gets requests
     */
    public static boolean serving(String state) {
        return !UNHEALTHY.equals(state) && !EJECTED.equals(state);
    }

    @Override
    public void onEvent(ExchangeEvent event) {
        // exchanges tell nothing about instance states
    }

    @Override
    public void onUpstreamEvent(UpstreamEvent event) {
        String state;
        if (event instanceof UpstreamEvent.HealthChanged changed) {
            state = changed.healthy() ? HEALTHY : UNHEALTHY;
        } else if (event instanceof UpstreamEvent.Ejected) {
            state = EJECTED;
        } else {
            state = RESTORED;
        }
        states.put(new Key(event.routeId(), event.instance()), state);
    }

    @Override
    public String state(Route route, Upstream instance) {
        return states.getOrDefault(new Key(route.id(), instance.uri()), CONFIGURED);
    }

    private record Key(String routeId, URI instance) {
    }
}
