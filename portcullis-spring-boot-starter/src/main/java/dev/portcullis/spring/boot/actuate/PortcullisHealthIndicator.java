package dev.portcullis.spring.boot.actuate;

import dev.portcullis.api.routing.InstanceStates;
import dev.portcullis.servlet.GatewayFilter;
import dev.portcullis.spring.boot.UpstreamStates;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The gateway's health ({@code portcullis} in {@code /actuator/health}): per route, its instances and their states.
 * DOWN when some route has no instance that gets requests (every one unhealthy or ejected), else UP. It reads what
 * the gateway last observed and calls no upstream. Leave it out of the liveness group: an upstream outage is no
 * reason to restart the gateway.
 *
 * <pre>{@code
 * {"status":"UP","details":{"api":{"http://10.0.0.7:8080":"healthy","http://10.0.0.8:8080":"ejected"}}}
 * }</pre>
 */
public class PortcullisHealthIndicator implements HealthIndicator {
    private final GatewayFilter filter;
    private final InstanceStates states;

    /**
     * @param filter the mounted gateway filter
     * @param states what is known of each upstream instance
     */
    public PortcullisHealthIndicator(GatewayFilter filter, InstanceStates states) {
        this.filter = Objects.requireNonNull(filter, "filter");
        this.states = Objects.requireNonNull(states, "states");
    }

    @Override
    public Health health() {
        boolean up = true;
        Health.Builder health = Health.up();
        for (GatewayDescription.RouteDescription route
                : GatewayDescription.of(filter.gateway().pipeline(), states).routes()) {
            Map<String, String> instances = new LinkedHashMap<>();
            boolean serving = false;
            for (GatewayDescription.InstanceDescription instance : route.upstreams()) {
                instances.put(instance.uri(), instance.state());
                serving |= UpstreamStates.serving(instance.state());
            }
            up &= serving;
            health.withDetail(route.id(), instances);
        }
        return up ? health.build() : health.down().build();
    }
}
