package dev.portcullis.spring.boot;

import dev.portcullis.api.ExchangeListener;
import dev.portcullis.config.ConfigException;
import dev.portcullis.config.ConfigReloader;
import dev.portcullis.config.GatewayConfig;
import dev.portcullis.config.InterceptorRegistry;
import dev.portcullis.config.ReloadResult;
import dev.portcullis.core.Gateway;
import dev.portcullis.servlet.GatewayFilter;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * The gateway the starter builds from {@code portcullis.config-file}: the file loaded by gateway-config (custom stages
 * from the application's beans, {@code ${NAME}} references from Spring's environment), the {@link GatewayFilter}
 * built from it with the application's {@link ExchangeListener} beans, and the {@link ConfigReloader} that owns the
 * configuration in force and, with {@code portcullis.reload.enabled}, watches the file. Inject it to reload on
 * demand. {@link #close()} after the filter is destroyed (the application context does both, in that order).
 *
 * <pre>{@code
 * @Autowired ConfiguredGateway gateway;
 * ReloadResult result = gateway.reload();   // Applied, or Rejected with the file's problems
 * }</pre>
 */
public final class ConfiguredGateway implements AutoCloseable {
    static final String CONFIG_FILE = "portcullis.config-file";

    private final GatewayFilter filter;
    private final ConfigReloader reloader;

    private ConfiguredGateway(GatewayFilter filter, ConfigReloader reloader) {
        this.filter = filter;
        this.reloader = reloader;
    }

    /**
     * Loads the file and builds the filter, off the request path.
     *
     * @param properties the {@code portcullis.*} properties
     * @param registry the custom stages the file may name
     * @param environment resolves the file's {@code ${NAME}} references
     * @param listeners the listeners every configuration of the gateway gets
     * @return the gateway
     * @throws InvalidConfigurationPropertyValueException naming {@value #CONFIG_FILE} when it is unset, unreadable or
     *     invalid; the message lists every problem with its line
     */
    static ConfiguredGateway start(PortcullisProperties properties, InterceptorRegistry registry,
                                   Function<String, String> environment, List<ExchangeListener> listeners) {
        Path file = properties.getConfigFile();
        if (file == null) {
            throw new InvalidConfigurationPropertyValueException(CONFIG_FILE, null, "it is not set: name the "
                    + "gateway's YAML or JSON file, define a GatewayFilter or Gateway bean, or set "
                    + "portcullis.enabled=false");
        }
        GatewayConfig.Loader loader = GatewayConfig.loader().interceptors(registry).environment(environment);
        GatewayConfig config;
        try {
            config = loader.load(file);
        } catch (ConfigException e) {
            throw new InvalidConfigurationPropertyValueException(CONFIG_FILE, file, e.getMessage());
        }
        GatewayFilter filter;
        try {
            filter = config.applyTo(withListeners(GatewayFilter.builder(), listeners)).build();
        } catch (RuntimeException e) {
            config.close();
            throw new InvalidConfigurationPropertyValueException(CONFIG_FILE, file,
                    "the gateway refused the configuration: " + e.getMessage());
        }
        ConfigReloader.Builder reloader = ConfigReloader.builder(loader, config, filter.gateway()::reload)
                .base(() -> withListeners(Gateway.builder(), listeners));
        if (properties.getReload().isEnabled()) {
            reloader.watch(properties.getReload().getInterval());
        }
        return new ConfiguredGateway(filter, reloader.build());
    }

    private static <B extends Gateway.Settings<B>> B withListeners(B builder, List<ExchangeListener> listeners) {
        listeners.forEach(builder::listener);
        return builder;
    }

    /** @return the servlet filter, registered by the starter */
    public GatewayFilter filter() {
        return filter;
    }

    /** @return the configuration in force */
    public GatewayConfig config() {
        return reloader.current();
    }

    /**
     * Reads the file again and, when it is valid, swaps it into the running gateway.
     *
     * @return what happened; a bad file is rejected and the configuration in force keeps serving
     */
    public ReloadResult reload() {
        return reloader.reload();
    }

    /** Stops the watch and closes the configuration in force (its bucket stores, its upstream client). */
    @Override
    public void close() {
        reloader.close();
    }
}
