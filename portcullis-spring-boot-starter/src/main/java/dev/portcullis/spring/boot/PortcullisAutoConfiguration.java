package dev.portcullis.spring.boot;

import dev.portcullis.api.ExchangeListener;
import dev.portcullis.api.Interceptor;
import dev.portcullis.config.InterceptorProvider;
import dev.portcullis.config.InterceptorRegistry;
import dev.portcullis.core.Gateway;
import dev.portcullis.servlet.GatewayFilter;
import jakarta.servlet.DispatcherType;
import java.util.Map;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Mounts a Portcullis gateway in a servlet Spring Boot application. Without a {@link GatewayFilter} or
 * {@link Gateway} bean of the application's own, it builds a {@link ConfiguredGateway} from
 * {@code portcullis.config-file}, with
 * <ul>
 *   <li>custom stages the file's pipeline may name: every {@link Interceptor} bean under its bean name and every
 *       {@link InterceptorProvider} bean under its {@code name()} (or the application's own
 *       {@link InterceptorRegistry} bean instead);</li>
 *   <li>parts the file may name: every {@code Authenticator}, {@code ApiKeyStore} (with gateway-auth) and
 *       {@code BucketStore} (with gateway-ratelimit) bean under its bean name;</li>
 *   <li>every {@link ExchangeListener} bean (metrics, the {@link UpstreamStates} the Actuator endpoint reads) hearing
 *       every configuration the gateway runs;</li>
 *   <li>{@code ${NAME}} references in the file resolved from Spring's environment.</li>
 * </ul>
 * With a {@link Gateway} bean it mounts that gateway; with a {@link GatewayFilter} bean it registers that filter.
 * Either way the filter is registered for {@code portcullis.filter.url-patterns} at
 * {@code portcullis.filter.order} (default {@value PortcullisProperties#DEFAULT_FILTER_ORDER}: before Spring
 * Security), async-supported, for the REQUEST and ASYNC dispatches, unless the application registers it itself with
 * a {@code FilterRegistrationBean<GatewayFilter>}. {@code portcullis.enabled=false} switches it all off.
 *
 * <pre>{@code
 * @Bean
 * Interceptor tenant() {             // named "tenant" in the file's pipeline
 *     return new TenantInterceptor();
 * }
 * }</pre>
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({GatewayFilter.class, FilterRegistrationBean.class})
@ConditionalOnProperty(prefix = "portcullis", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(PortcullisProperties.class)
public class PortcullisAutoConfiguration {

    /** @return what the gateway reported about each upstream instance */
    @Bean
    @ConditionalOnMissingBean
    public UpstreamStates portcullisUpstreamStates() {
        return new UpstreamStates();
    }

    /**
     * @param beans the application's beans
     * @return the application's {@link Interceptor} beans by bean name, {@link InterceptorProvider} beans by name,
     *     and its beans of the {@link InterceptorRegistry#partKinds() part kinds} on the class path
     *     ({@code Authenticator}, {@code ApiKeyStore}, {@code BucketStore}) by bean name
     */
    @Bean
    @ConditionalOnMissingBean
    public InterceptorRegistry portcullisInterceptorRegistry(ListableBeanFactory beans) {
        InterceptorRegistry.Builder registry = InterceptorRegistry.builder();
        for (Map.Entry<String, Interceptor> bean : beans.getBeansOfType(Interceptor.class).entrySet()) {
            registry.add(bean.getKey(), bean.getValue());
        }
        for (InterceptorProvider provider : beans.getBeansOfType(InterceptorProvider.class).values()) {
            registry.addFactory(provider.name(), provider);
        }
        ClassLoader loader = PortcullisAutoConfiguration.class.getClassLoader();
        for (String kind : InterceptorRegistry.partKinds()) {
            if (ClassUtils.isPresent(kind, loader)) {
                addParts(registry, beans, ClassUtils.resolveClassName(kind, loader));
            }
        }
        return registry.build();
    }

    private static <T> void addParts(InterceptorRegistry.Builder registry, ListableBeanFactory beans, Class<T> kind) {
        beans.getBeansOfType(kind).forEach((name, part) -> registry.addPart(kind, name, part));
    }

    /**
     * A gateway filter always exists here: the application's, or one of the nested configurations'.
     *
     * @param filter the gateway filter, the starter's or the application's
     * @param properties the {@code portcullis.*} properties
     * @return the filter's registration
     */
    @Bean
    @Conditional(NoGatewayFilterRegistration.class)
    public FilterRegistrationBean<GatewayFilter> portcullisFilterRegistration(GatewayFilter filter,
                                                                              PortcullisProperties properties) {
        FilterRegistrationBean<GatewayFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setName("portcullis");
        registration.setOrder(properties.getFilter().getOrder());
        registration.setUrlPatterns(properties.getFilter().getUrlPatterns());
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
        registration.setAsyncSupported(true);
        return registration;
    }

    /** The gateway built from {@code portcullis.config-file}, when the application has none of its own. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean({GatewayFilter.class, Gateway.class})
    static class FromConfigFile {
        @Bean(destroyMethod = "close")
        ConfiguredGateway portcullisConfiguredGateway(PortcullisProperties properties, InterceptorRegistry registry,
                                                      Environment environment,
                                                      ObjectProvider<ExchangeListener> listeners) {
            return ConfiguredGateway.start(properties, registry, environment::getProperty,
                    listeners.orderedStream().toList());
        }

        @Bean(destroyMethod = "destroy")
        GatewayFilter portcullisGatewayFilter(ConfiguredGateway gateway) {
            return gateway.filter();
        }
    }

    /** The application's own {@link Gateway}, mounted as it is. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(Gateway.class)
    @ConditionalOnMissingBean(GatewayFilter.class)
    static class FromGatewayBean {
        @Bean(destroyMethod = "destroy")
        GatewayFilter portcullisGatewayFilter(Gateway gateway) {
            return GatewayFilter.of(gateway);
        }
    }
}
