package dev.portcullis.spring.boot.actuate;

import dev.portcullis.servlet.GatewayFilter;
import dev.portcullis.spring.boot.PortcullisAutoConfiguration;
import dev.portcullis.spring.boot.UpstreamStates;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code portcullis} health indicator, when Spring Boot's health module is on the classpath, a gateway filter is
 * mounted and {@code management.health.portcullis.enabled} is not false.
 *
 * <pre>{@code
 * management.health.portcullis.enabled=false   # to leave the upstreams out of /actuator/health
 * }</pre>
 */
@AutoConfiguration(after = PortcullisAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean({GatewayFilter.class, UpstreamStates.class})
@ConditionalOnEnabledHealthIndicator("portcullis")
public class PortcullisHealthAutoConfiguration {

    /**
     * @param filter the mounted gateway filter
     * @param states what the gateway reported about upstream instances
     * @return the health indicator
     */
    @Bean
    @ConditionalOnMissingBean(name = "portcullisHealthIndicator")
    public PortcullisHealthIndicator portcullisHealthIndicator(GatewayFilter filter, UpstreamStates states) {
        return new PortcullisHealthIndicator(() -> GatewayDescription.of(filter.gateway().pipeline(), states));
    }
}
