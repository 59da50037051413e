package dev.portcullis.spring.boot.actuate;

import dev.portcullis.servlet.GatewayFilter;
import dev.portcullis.spring.boot.PortcullisAutoConfiguration;
import dev.portcullis.spring.boot.UpstreamStates;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code portcullis} Actuator endpoint, when Actuator is on the classpath, a gateway filter is mounted and the
 * endpoint is available (enabled and exposed, e.g. {@code management.endpoints.web.exposure.include=portcullis}).
 *
 * <pre>{@code
 * curl localhost:8080/actuator/portcullis
 * }</pre>
 */
@AutoConfiguration(after = PortcullisAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean({GatewayFilter.class, UpstreamStates.class})
@ConditionalOnAvailableEndpoint(PortcullisEndpoint.class)
public class PortcullisEndpointAutoConfiguration {

    /**
     * @param filter the mounted gateway filter
     * @param states what the gateway reported about upstream instances
     * @return the endpoint
     */
    @Bean
    @ConditionalOnMissingBean
    public PortcullisEndpoint portcullisEndpoint(GatewayFilter filter, UpstreamStates states) {
        return new PortcullisEndpoint(filter, states);
    }
}
