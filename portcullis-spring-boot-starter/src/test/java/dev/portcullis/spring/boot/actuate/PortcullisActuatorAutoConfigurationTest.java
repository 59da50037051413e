package dev.portcullis.spring.boot.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.api.UpstreamEvent;
import dev.portcullis.spring.boot.PortcullisAutoConfiguration;
import dev.portcullis.spring.boot.UpstreamStates;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/** When the Actuator endpoint and the health indicator exist, and what they tell. */
class PortcullisActuatorAutoConfigurationTest {
    private static final String UPSTREAM = "http://127.0.0.1:9";

    @TempDir
    Path directory;

    private WebApplicationContextRunner runner() throws Exception {
        Path file = Files.writeString(directory.resolve("gateway.yaml"), "pipeline: [routing]\n"
                + "routes: [{id: api, path: /api/**, upstreams: ['" + UPSTREAM + "']}]\n");
        return new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(PortcullisAutoConfiguration.class,
                        PortcullisEndpointAutoConfiguration.class, PortcullisHealthAutoConfiguration.class))
                .withPropertyValues("portcullis.config-file=" + file,
                        "management.endpoints.web.exposure.include=portcullis");
    }

    @Test
    void theExposedEndpointDescribesTheStagesRoutesAndInstanceStates() throws Exception {
        runner().run(context -> {
            GatewayDescription description = context.getBean(PortcullisEndpoint.class).gateway();
            assertThat(description.pipeline()).containsExactly("Routing");
            assertThat(description.routes()).singleElement().satisfies(route -> {
                assertThat(route.id()).isEqualTo("api");
                assertThat(route.path()).isEqualTo("/api/**");
                assertThat(route.upstreams()).containsExactly(
                        new GatewayDescription.InstanceDescription(UPSTREAM, 1, "configured"));
            });
        });
    }

    @Test
    void theEndpointIsLeftOutWhenNotExposedOrWithoutActuator() throws Exception {
        runner().withPropertyValues("management.endpoints.web.exposure.include=health")
                .run(context -> assertThat(context).doesNotHaveBean(PortcullisEndpoint.class));
        runner().withClassLoader(new FilteredClassLoader(Endpoint.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(PortcullisEndpoint.class));
    }

    @Test
    void theHealthIsUpWhileEveryRouteHasAServingInstanceAndDownWhenOneHasNone() throws Exception {
        runner().run(context -> {
            HealthIndicator indicator = context.getBean(PortcullisHealthIndicator.class);
            Health up = indicator.health();
            assertThat(up.getStatus()).isEqualTo(Status.UP);
            assertThat(up.getDetails()).isEqualTo(Map.of("api", Map.of(UPSTREAM, "configured")));

            context.getBean(UpstreamStates.class)
                    .onUpstreamEvent(new UpstreamEvent.HealthChanged("api", URI.create(UPSTREAM), false));
            Health down = indicator.health();
            assertThat(down.getStatus()).isEqualTo(Status.DOWN);
            assertThat(down.getDetails()).isEqualTo(Map.of("api", Map.of(UPSTREAM, "unhealthy")));
            assertThat(context.getBean(PortcullisEndpoint.class).gateway().routes().get(0).upstreams())
                    .extracting(GatewayDescription.InstanceDescription::state).isEqualTo(List.of("unhealthy"));
        });
    }

    @Test
    void theHealthIndicatorIsLeftOutWhenDisabledOrWithoutTheHealthModule() throws Exception {
        runner().withPropertyValues("management.health.portcullis.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(PortcullisHealthIndicator.class));
        runner().withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(PortcullisHealthIndicator.class));
    }
}
