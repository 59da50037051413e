package dev.portcullis.spring.boot.actuate;

import dev.portcullis.api.routing.InstanceStates;
import dev.portcullis.servlet.GatewayFilter;
import java.util.Objects;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The {@code portcullis} Actuator endpoint ({@code GET /actuator/portcullis} once exposed with
 * {@code management.endpoints.web.exposure.include=portcullis}): the running gateway's stages, routes and upstream
 * instance states, as {@link GatewayDescription}. Never a secret. After a reload it shows the new configuration.
 *
 * <pre>{@code
 * {"pipeline":["Routing","RequestGuards"],
 *  "routes":[{"id":"api","path":"/api/**","connectTimeoutMs":2000,"responseTimeoutMs":30000,
 *             "upstreams":[{"uri":"http://10.0.0.7:8080","weight":1,"state":"configured"}]}]}
 * }</pre>
 */
@Endpoint(id = "portcullis")
public class PortcullisEndpoint {
    private final GatewayFilter filter;
    private final InstanceStates states;

    /**
     * @param filter the mounted gateway filter
     * @param states what is known of each upstream instance
     */
    public PortcullisEndpoint(GatewayFilter filter, InstanceStates states) {
        this.filter = Objects.requireNonNull(filter, "filter");
        this.states = Objects.requireNonNull(states, "states");
    }

    /** @return the gateway's stages, routes and instance states */
    @ReadOperation
    public GatewayDescription gateway() {
        return GatewayDescription.of(filter.gateway().pipeline(), states);
    }
}
