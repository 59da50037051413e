package dev.portcullis.spring.boot.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.micrometer.GatewayMetrics;
import dev.portcullis.spring.boot.PortcullisAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/** When the gateway's metrics are recorded on the application's registry. */
class PortcullisMetricsAutoConfigurationTest {
    @TempDir
    Path directory;

    private WebApplicationContextRunner runner() throws Exception {
        Path file = Files.writeString(directory.resolve("gateway.yaml"), "pipeline: [routing]\n"
                + "routes: [{id: api, path: /api/**, upstreams: ['http://127.0.0.1:9']}]\n");
        return new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(PortcullisAutoConfiguration.class,
                        PortcullisMetricsAutoConfiguration.class))
                .withPropertyValues("portcullis.config-file=" + file);
    }

    @Test
    void withARegistryTheGatewaysMetricsAreRecordedThere() throws Exception {
        runner().withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            assertThat(context).hasSingleBean(GatewayMetrics.class);
            assertThat(context.getBean(MeterRegistry.class).find(GatewayMetrics.REQUESTS_ACTIVE).gauge()).isNotNull();
        });
    }

    @Test
    void withoutARegistryOrWithoutMicrometerOrSwitchedOffThereAreNoMetrics() throws Exception {
        runner().run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(GatewayMetrics.class));
        runner().withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("portcullis.metrics.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(GatewayMetrics.class));
        runner().withClassLoader(new FilteredClassLoader(GatewayMetrics.class, MeterRegistry.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(GatewayMetrics.class));
    }
}
