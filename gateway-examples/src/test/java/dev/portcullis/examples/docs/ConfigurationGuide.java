package dev.portcullis.examples.docs;

import dev.portcullis.api.Interceptor;
import dev.portcullis.config.ConfigReloader;
import dev.portcullis.config.GatewayConfig;
import dev.portcullis.config.InterceptorRegistry;
import dev.portcullis.core.Gateway;
import dev.portcullis.servlet.GatewayFilter;
import java.nio.file.Path;
import java.time.Duration;

/** The fragments of docs/configuration.md, compiled; {@code GuidesBuildTest} runs them on a shipped example. */
final class ConfigurationGuide {
    private ConfigurationGuide() {
    }

    static GatewayFilter load(Interceptor tenantInterceptor) {
        // tag::load[]
        GatewayConfig config = GatewayConfig.loader()
            .interceptors(InterceptorRegistry.builder().add("tenant", tenantInterceptor).build())  // custom stages by name
            .load(Path.of("/etc/gateway/gateway.yaml"));          // ConfigException listing every problem
        GatewayFilter filter = config.applyTo(GatewayFilter.builder()).build();   // or Gateway.builder()
        // on shutdown, after the filter: config.close() closes the stores and the client the file made
        // end::load[]
        return filter;
    }

    static ConfigReloader reload(Path file) {
        // tag::reload[]
        GatewayConfig.Loader loader = GatewayConfig.loader();
        GatewayConfig config = loader.load(file);
        Gateway gateway = config.applyTo(Gateway.builder()).build();
        ConfigReloader reloader = ConfigReloader.builder(loader, config, gateway::reload)
            .base(Gateway::builder)                  // where each reload starts: put what your code sets here (listeners)
            .watch(Duration.ofSeconds(2))
            .build();
        // on shutdown: gateway.close(); reloader.close();      (closes the configuration in force)
        // end::reload[]
        return reloader;
    }
}
