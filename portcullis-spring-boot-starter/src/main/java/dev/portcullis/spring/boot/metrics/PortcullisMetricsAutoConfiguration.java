package dev.portcullis.spring.boot.metrics;

import dev.portcullis.micrometer.GatewayMetrics;
import dev.portcullis.servlet.GatewayFilter;
import dev.portcullis.spring.boot.PortcullisAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * The gateway's metrics ({@code portcullis.*} meters, see {@link GatewayMetrics}) on the application's
 * {@link MeterRegistry}, when gateway-micrometer is on the classpath, the application has a registry (Actuator makes
 * one) and {@code portcullis.metrics.enabled} is not false. The {@link GatewayMetrics} bean is an exchange listener,
 * so the gateway the starter builds hears it through every reload; its rate-limit and connection-pool meters are bound
 * to the gateway once started.
 *
 * <pre>{@code
 * curl localhost:8080/actuator/metrics/portcullis.requests
 * }</pre>
 */
@AutoConfiguration(after = PortcullisAutoConfiguration.class, afterName = {
    "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnClass({GatewayMetrics.class, MeterRegistry.class})
@ConditionalOnBean({MeterRegistry.class, GatewayFilter.class})
@ConditionalOnProperty(prefix = "portcullis.metrics", name = "enabled", havingValue = "true", matchIfMissing = true)
public class PortcullisMetricsAutoConfiguration {

    /**
     * @param registry the application's registry
     * @return the gateway's metrics
     */
    @Bean
    @ConditionalOnMissingBean
    public GatewayMetrics portcullisGatewayMetrics(MeterRegistry registry) {
        return GatewayMetrics.builder(registry).build();
    }

    /**
     * @param metrics the gateway's metrics
     * @param filter the mounted gateway filter
     * @return binds the rate-limit and connection-pool meters once every singleton exists
     */
    @Bean
    public SmartInitializingSingleton portcullisGatewayMetricsBinding(GatewayMetrics metrics,
                                                                      ObjectProvider<GatewayFilter> filter) {
        return () -> filter.ifAvailable(mounted -> metrics.bindTo(mounted.gateway()));
    }
}
