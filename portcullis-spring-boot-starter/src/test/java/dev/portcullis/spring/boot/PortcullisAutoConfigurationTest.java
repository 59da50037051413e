package dev.portcullis.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.portcullis.api.Interceptor;
import dev.portcullis.api.Pipeline;
import dev.portcullis.config.InterceptorProvider;
import dev.portcullis.config.ReloadResult;
import dev.portcullis.core.Gateway;
import dev.portcullis.servlet.GatewayFilter;
import jakarta.servlet.DispatcherType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the starter mounts, and when it backs off, in an application context without a server. */
class PortcullisAutoConfigurationTest {
    @TempDir
    Path directory;

    private WebApplicationContextRunner runner() {
        return new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(PortcullisAutoConfiguration.class))
                .withPropertyValues("portcullis.config-file=" + StarterFiles.gatewayFile(directory,
                        "http://127.0.0.1:9", "routing, guards"));
    }

    @Test
    void aConfigFileBecomesAGatewayFilterRegisteredBeforeSpringSecurityForRequestAndAsyncDispatches() {
        runner().run(context -> {
            assertThat(context).hasSingleBean(ConfiguredGateway.class).hasSingleBean(GatewayFilter.class);
            assertThat(context.getBean(GatewayFilter.class).gateway().describe()).isEqualTo("Routing -> RequestGuards");
            FilterRegistrationBean<?> registration = context.getBean(FilterRegistrationBean.class);
            assertThat(registration.getFilter()).isSameAs(context.getBean(GatewayFilter.class));
            assertThat(registration.getOrder()).isEqualTo(PortcullisProperties.DEFAULT_FILTER_ORDER).isLessThan(-100);
            assertThat(registration.getUrlPatterns()).containsExactly("/*");
            assertThat(registration.isAsyncSupported()).isTrue();
            assertThat(registration.determineDispatcherTypes())
                    .containsExactlyInAnyOrder(DispatcherType.REQUEST, DispatcherType.ASYNC);
        });
    }

    @Test
    void theFilterOrderAndUrlPatternsAreProperties() {
        runner().withPropertyValues("portcullis.filter.order=-50", "portcullis.filter.url-patterns=/api/*")
                .run(context -> {
                    FilterRegistrationBean<?> registration = context.getBean(FilterRegistrationBean.class);
                    assertThat(registration.getOrder()).isEqualTo(-50);
                    assertThat(registration.getUrlPatterns()).containsExactly("/api/*");
                });
    }

    @Test
    void interceptorBeansAndProviderBeansAreStagesTheFileNamesByName() {
        InterceptorProvider provider = new InterceptorProvider() {
            @Override
            public String name() {
                return "provided";
            }

            @Override
            public Interceptor create(Map<String, Object> settings) {
                return Interceptor.named("Provided", chain -> chain.proceed(chain.request()));
            }
        };
        runner().withPropertyValues("portcullis.config-file=" + StarterFiles.gatewayFile(directory,
                        "http://127.0.0.1:9", "routing, stamp, provided"))
                .withBean(StarterFiles.STAMP, Interceptor.class, StarterFiles::stamp)
                .withBean("someProvider", InterceptorProvider.class, () -> provider)
                .run(context -> assertThat(context.getBean(ConfiguredGateway.class).config().describe())
                        .isEqualTo("Routing -> Stamp -> Provided"));
    }

    @Test
    void theApplicationsGatewayFilterReplacesTheFileAndIsRegisteredAtTheConfiguredOrder() {
        GatewayFilter own = GatewayFilter.builder().pipeline(Pipeline.builder().build()).build();
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(PortcullisAutoConfiguration.class))
                .withBean(GatewayFilter.class, () -> own)
                .withPropertyValues("portcullis.filter.order=7")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(ConfiguredGateway.class);
                    FilterRegistrationBean<?> registration = context.getBean(FilterRegistrationBean.class);
                    assertThat(registration.getFilter()).isSameAs(own);
                    assertThat(registration.getOrder()).isEqualTo(7);
                });
        own.destroy();
    }

    @Test
    void theApplicationsGatewayIsMountedAsItIs() {
        Gateway own = Gateway.builder().pipeline(Pipeline.builder().build()).build();
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(PortcullisAutoConfiguration.class))
                .withBean(Gateway.class, () -> own)
                .run(context -> {
                    assertThat(context).doesNotHaveBean(ConfiguredGateway.class);
                    assertThat(context.getBean(GatewayFilter.class).gateway()).isSameAs(own);
                    assertThat(context.getBean(FilterRegistrationBean.class).getFilter())
                            .isSameAs(context.getBean(GatewayFilter.class));
                });
    }

    @Test
    void theApplicationsOwnRegistrationOfTheFilterIsLeftAlone() {
        runner().withUserConfiguration(OwnRegistration.class).run(context -> {
            assertThat(context).hasSingleBean(FilterRegistrationBean.class);
            assertThat(context.getBean(FilterRegistrationBean.class).getOrder()).isEqualTo(42);
        });
    }

    @Test
    void portcullisEnabledFalseMountsNothing() {
        runner().withPropertyValues("portcullis.enabled=false").run(context -> assertThat(context)
                .doesNotHaveBean(GatewayFilter.class).doesNotHaveBean(FilterRegistrationBean.class));
    }

    @Test
    void anApplicationWithoutServletWebServerMountsNothing() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(PortcullisAutoConfiguration.class))
                .withPropertyValues("portcullis.config-file=" + directory.resolve("absent.yaml"))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(GatewayFilter.class));
    }

    @Test
    void startupFailsNamingTheSettingWhenNoConfigFileIsSet() {
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(PortcullisAutoConfiguration.class))
                .run(context -> assertThat(context).getFailure().rootCause()
                        .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                        .hasMessageContaining("portcullis.config-file")
                        .hasMessageContaining("it is not set"));
    }

    @Test
    void startupFailsNamingTheSettingAndTheFileWhenTheFileIsMissing() {
        Path absent = directory.resolve("absent.yaml");
        runner().withPropertyValues("portcullis.config-file=" + absent)
                .run(context -> assertThat(context).getFailure().rootCause()
                        .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                        .hasMessageContaining("portcullis.config-file")
                        .hasMessageContaining(absent + ":1:1: the file cannot be read"));
    }

    @Test
    void startupFailsWithEveryProblemOfAnInvalidFileAndItsLine() {
        Path file = StarterFiles.write(directory.resolve("bad.yaml"), "pipeline: [routing, tenant]\n"
                + "routes: [{id: api, upstreams: ['http://127.0.0.1:9']}]\n");
        runner().withPropertyValues("portcullis.config-file=" + file)
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("portcullis.config-file")
                        .hasMessageContaining(file + ":1:")
                        .hasMessageContaining("tenant"));
    }

    @Test
    void aReloadOnDemandSwapsAChangedFileIntoTheRunningGatewayAndRejectsABrokenOne() {
        runner().run(context -> {
            ConfiguredGateway gateway = context.getBean(ConfiguredGateway.class);
            StarterFiles.gatewayFile(directory, "http://127.0.0.1:9", "routing");
            assertThat(gateway.reload()).isInstanceOf(ReloadResult.Applied.class);
            assertThat(gateway.filter().gateway().describe()).isEqualTo("Routing");
            StarterFiles.write(gateway.config().file(), "pipeline: [nonsense]\n");
            assertThat(gateway.reload()).isInstanceOf(ReloadResult.Rejected.class);
            assertThat(gateway.filter().gateway().describe()).isEqualTo("Routing");
        });
    }

    @Test
    void withReloadEnabledAChangedFileIsSwappedInByTheWatch() {
        runner().withPropertyValues("portcullis.reload.enabled=true", "portcullis.reload.interval=20ms")
                .run(context -> {
                    GatewayFilter filter = context.getBean(GatewayFilter.class);
                    StarterFiles.gatewayFile(directory, "http://127.0.0.1:9", "routing");
                    await().atMost(Duration.ofSeconds(10))
                            .until(() -> filter.gateway().describe().equals("Routing"));
                });
    }

    /** The application registers the filter itself. */
    @Configuration(proxyBeanMethods = false)
    static class OwnRegistration {
        @Bean
        FilterRegistrationBean<GatewayFilter> ownRegistration(GatewayFilter filter) {
            FilterRegistrationBean<GatewayFilter> registration = new FilterRegistrationBean<>(filter);
            registration.setOrder(42);
            return registration;
        }
    }
}
