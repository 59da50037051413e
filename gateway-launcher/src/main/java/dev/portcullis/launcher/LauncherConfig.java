package dev.portcullis.launcher;

import dev.portcullis.config.ConfigException;
import dev.portcullis.config.ConfigProblem;
import dev.portcullis.config.ConfigReloader;
import dev.portcullis.config.GatewayConfig;
import dev.portcullis.config.InterceptorRegistry;
import dev.portcullis.core.Gateway;
import dev.portcullis.core.client.UpstreamClient;
import dev.portcullis.servlet.GatewayFilter;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The launcher's configuration file: {@code --config} builds the gateway from it and reloads it when the file
 * changes (checked every {@link #WATCH_INTERVAL}), {@code --validate} only checks it. Custom stages a file names are found
 * with {@link java.util.ServiceLoader} ({@code META-INF/services/dev.portcullis.config.InterceptorProvider}) in the
 * jars on the class path next to the launcher's.
 *
 * <pre>{@code
 * int status = LauncherConfig.validate(Path.of("gateway.yaml"), System.out, System.err);   // 0 or 2
 * }</pre>
 */
final class LauncherConfig {
    /** How often the launcher looks at its configuration file for a change. */
    static final Duration WATCH_INTERVAL = Duration.ofSeconds(2);
    /** The exit status of a file with problems, the same as a bad command line. */
    static final int INVALID = 2;

    private LauncherConfig() {
    }

    /**
     * @param threads the server's thread pool, which a Jetty client the file asks for shares
     * @return the loader the launcher uses
     */
    static GatewayConfig.Loader loader(Executor threads) {
        return GatewayConfig.loader().clientExecutor(threads)
                .interceptors(InterceptorRegistry.builder().discover(LauncherConfig.class.getClassLoader()).build());
    }

    /**
     * @param file the {@code --config} file
     * @param threads the server's thread pool
     * @return the configuration; the launcher closes it when the server stops
     * @throws UsageException naming {@code --config}, with every problem of the file
     */
    static GatewayConfig load(Path file, Executor threads) throws UsageException {
        try {
            return loader(threads).load(file);
        } catch (ConfigException e) {
            throw new UsageException("--config", e.getMessage());
        }
    }

    /**
     * @param config the configuration
     * @param launcherClient the {@code --client} the gateway uses when the file has no client section, else null
     * @param admin the admin view whose metrics hear the gateway, if {@code --admin-port} asked for one
     * @param drainTimeout the {@code --drain-timeout}: how long the filter's destroy waits for exchanges in flight
     * @return the filter
     */
    static GatewayFilter filter(GatewayConfig config, UpstreamClient launcherClient, Optional<LauncherAdmin> admin,
                                Duration drainTimeout) {
        GatewayFilter.Builder builder = GatewayFilter.builder().drainTimeout(drainTimeout);
        if (launcherClient != null) {
            builder.upstreamClient(launcherClient);
        }
        admin.ifPresent(metrics -> builder.listener(metrics.metrics()));
        return config.applyTo(builder).build();
    }

    /**
     * Watches the file the gateway was built from and reloads the running gateway when it changes: a valid file is
     * swapped in without dropping a request, an invalid one is logged and the running configuration keeps serving.
     *
     * @param config the configuration the gateway runs now; the reloader owns it from here on
     * @param threads the launcher's thread pool, for a Jetty client the file may name
     * @param gateway the running filter
     * @param launcherClient the {@code --client} the gateway uses when the file has no client section, else null
     * @param admin the admin view whose metrics hear the gateway, if any
     * @param drainTimeout the {@code --drain-timeout}, which every reloaded configuration keeps
     * @return the reloader, to close when the server has stopped
     */
    static ConfigReloader watch(GatewayConfig config, Executor threads, GatewayFilter gateway,
                                UpstreamClient launcherClient, Optional<LauncherAdmin> admin, Duration drainTimeout) {
        return ConfigReloader.builder(loader(threads), config, gateway.gateway()::reload)
                .base(() -> {
                    Gateway.Builder base = Gateway.builder().drainTimeout(drainTimeout);
                    if (launcherClient != null) {
                        base.upstreamClient(launcherClient);
                    }
                    admin.ifPresent(metrics -> base.listener(metrics.metrics()));
                    return base;
                })
                .watch(WATCH_INTERVAL)
                .build();
    }

    /**
     * @param file the {@code --validate} file
     * @param out where a valid file is reported
     * @param err where each problem is printed, one per line
     * @return 0 when the file is valid, else {@value #INVALID}
     */
    static int validate(Path file, PrintStream out, PrintStream err) {
        List<ConfigProblem> problems = loader(Runnable::run).check(file);
        if (problems.isEmpty()) {
            out.println(file + ": valid");
            return 0;
        }
        problems.forEach(err::println);
        return INVALID;
    }
}
