package dev.portcullis.spring.boot.actuate;

import dev.portcullis.spring.boot.UpstreamStates;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
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
    private final Supplier<GatewayDescription> gateway;

    /** @param gateway describes the running gateway, e.g. {@code () -> GatewayDescription.of(pipeline, states)} */
    public PortcullisHealthIndicator(Supplier<GatewayDescription> gateway) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
    }

    @Override
    public Health health() {
        boolean up = true;
        Health.Builder health = Health.up();
        for (GatewayDescription.RouteDescription route : gateway.get().routes()) {
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
