package dev.portcullis.spring.boot;

import dev.portcullis.servlet.GatewayFilter;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.ResolvableType;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when the application registers no {@code FilterRegistrationBean<GatewayFilter>} of its own. (Spring Boot's
 * {@code parameterizedContainer} would also back off for a bare {@link GatewayFilter} bean, which the starter still
 * registers.)
 */
final class NoGatewayFilterRegistration implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        ConfigurableListableBeanFactory beans = context.getBeanFactory();
        return beans == null || beans.getBeanNamesForType(ResolvableType.forClassWithGenerics(
                FilterRegistrationBean.class, GatewayFilter.class), true, false).length == 0;
    }
}
