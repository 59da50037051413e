package dev.portcullis.config;

import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.Interceptor;
import dev.portcullis.api.Pipeline;
import dev.portcullis.api.routing.LoadBalancer;
import dev.portcullis.config.internal.Assembler;
import dev.portcullis.config.internal.Assembly;
import dev.portcullis.config.internal.CustomStages;
import dev.portcullis.config.internal.LoadOptions;
import dev.portcullis.config.internal.bind.Sources;
import dev.portcullis.config.internal.tree.Finding;
import dev.portcullis.config.internal.tree.InvalidConfig;
import dev.portcullis.core.Gateway;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A gateway described by a YAML (or JSON) file, mapped onto the Java DSL: the file is a front end of the DSL, so
 * every value passes the same builders and checks as in code, and every unset value keeps the DSL's default. Loading
 * reads, checks and builds everything (stages, authenticators, bucket stores, the upstream client) off the request
 * path, or fails with a {@link ConfigException} listing every problem with its file, line, column and setting.
 *
 * <p>The configuration owns the stateful parts it built (bucket stores, a Redis connection, the upstream client the
 * file asked for): {@link #close()} them after the gateway that uses them. A load that names a previous
 * configuration takes over its parts whose settings did not change, so a reload keeps JWKS caches, buckets and
 * connection pools (see {@link ConfigReloader}).
 *
 * <pre>{@code
 * GatewayConfig config = GatewayConfig.loader()
 *     .interceptors(InterceptorRegistry.builder().add("tenant", new TenantInterceptor()).build())
 *     .load(Path.of("gateway.yaml"));
 * GatewayFilter filter = config.applyTo(GatewayFilter.builder()).build();
 * System.out.println(config.describe());   // Routing -> RequestGuards -> ...
 * // on shutdown, after the filter is destroyed:
 * config.close();
 * }</pre>
 */
public final class GatewayConfig implements AutoCloseable {
    /** The largest configuration file read. */
    private static final long MAX_FILE_BYTES = 4L * 1024 * 1024;

    private final Path file;
    private final Assembly assembly;

    private GatewayConfig(Path file, Assembly assembly) {
        this.file = file;
        this.assembly = assembly;
    }

    /** @return a loader with no custom stages, the process environment and clients on their own threads */
    public static Loader loader() {
        return new Loader();
    }

    /**
     * @param builder a {@code Gateway.builder()} or {@code GatewayFilter.builder()}
     * @param <B> its type
     * @return the builder with the file's pipeline, gateway settings and (when the file has a {@code client}
     *     section) upstream client; settings the file leaves out are left as they were
     */
    public <B extends Gateway.Settings<B>> B applyTo(B builder) {
        return assembly.applyTo(Objects.requireNonNull(builder, "builder"));
    }

    /** @return the pipeline the file describes */
    public Pipeline pipeline() {
        return assembly.pipeline();
    }

    /** @return the stages in order, e.g. {@code Routing -> RequestGuards -> Authentication} */
    public String describe() {
        return assembly.pipeline().describe();
    }

    /**
     * @return whether {@link #applyTo} names an upstream client: the file has a {@code client} section, or a
     *     previous configuration's client carries over
     */
    public boolean hasUpstreamClient() {
        return assembly.client() != null;
    }

    /** @return the file it was loaded from */
    public Path file() {
        return file;
    }

    /** Closes the stateful parts this configuration built (bucket stores, Redis, the upstream client it made). */
    @Override
    public void close() {
        assembly.components().closeExcept(null);
    }

    /** @param kept the configuration in force now: its parts stay open, the others of this one are closed */
    void closeExcept(GatewayConfig kept) {
        assembly.components().closeExcept(kept.assembly.components());
    }

    /**
     * Loads configuration files. Configure it, then use it from any thread.
     *
     * <pre>{@code
     * GatewayConfig.Loader loader = GatewayConfig.loader().environment(Map.of("JWT_SECRET", secret)::get);
     * List<ConfigProblem> problems = loader.check(Path.of("gateway.yaml"));   // what --validate prints
     * }</pre>
     */
    public static final class Loader {
        private volatile InterceptorRegistry registry = InterceptorRegistry.empty();
        private volatile Function<String, String> environment = System::getenv;
        private volatile Executor clientExecutor;

        private Loader() {
        }

        /** @param registry the custom stages the file may name @return this loader */
        public Loader interceptors(InterceptorRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * @param environment looks up the variables {@code ${NAME}} secrets name; default {@link System#getenv}
         * @return this loader
         */
        public Loader environment(Function<String, String> environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /**
         * @param executor the executor a Jetty client the file asks for runs on (the embedding server's pool),
         *     instead of a pool of its own
         * @return this loader
         */
        public Loader clientExecutor(Executor executor) {
            this.clientExecutor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * @param file the configuration file; relative paths in it start in its directory
         * @return the configuration
         * @throws ConfigException listing every problem
         */
        public GatewayConfig load(Path file) {
            return load(file, null);
        }

        /**
         * Loads a file and takes over the parts of {@code previous} whose settings did not change (authenticators
         * with their caches, bucket stores with their buckets, the upstream client with its pools). Nothing of
         * {@code previous} is closed; when the new configuration fails, the parts it built are closed and
         * {@code previous} stays as it was.
         *
         * @param file the configuration file
         * @param previous the configuration in force, or null
         * @return the configuration
         * @throws ConfigException listing every problem
         */
        public GatewayConfig load(Path file, GatewayConfig previous) {
            Objects.requireNonNull(file, "file");
            String text = read(file);
            Path directory = file.toAbsolutePath().getParent();
            LoadOptions options = new LoadOptions(new Sources(directory, environment), custom(registry),
                    clientExecutor);
            try {
                return new GatewayConfig(file, Assembler.load(text, file.toString(), options,
                        previous == null ? null : previous.assembly.components()));
            } catch (InvalidConfig e) {
                throw new ConfigException(e.findings().stream().map(Loader::problem).toList());
            }
        }

        /**
         * Loads a file only to check it, and closes what the load built: what {@code --validate} runs.
         *
         * @param file the configuration file
         * @return every problem in file order; empty when the file is valid
         */
        public List<ConfigProblem> check(Path file) {
            try {
                load(file).close();
                return List.of();
            } catch (ConfigException e) {
                return e.problems();
            }
        }

        private static String read(Path file) {
            try {
                if (Files.size(file) > MAX_FILE_BYTES) {
                    throw failure(file, "is larger than 4 MiB");
                }
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw failure(file, "cannot be read: " + e.getClass().getSimpleName());
            }
        }

        private static ConfigException failure(Path file, String message) {
            return new ConfigException(List.of(new ConfigProblem(file.toString(), 1, 1, "", "the file " + message)));
        }

        private static ConfigProblem problem(Finding finding) {
            return new ConfigProblem(finding.location().file(), finding.location().line(),
                    finding.location().column(), finding.path(), finding.message());
        }

        private static CustomStages custom(InterceptorRegistry registry) {
            return new CustomStages() {
                @Override
                public Set<String> names() {
                    return registry.names();
                }

                @Override
                public Interceptor create(String name, Map<String, Object> settings) {
                    Interceptor interceptor = registry.factory(name).orElseThrow().create(settings);
                    if (interceptor == null) {
                        throw new IllegalArgumentException("the factory of the custom stage '" + name
                                + "' returned no interceptor");
                    }
                    return interceptor;
                }

                @Override
                public Map<String, LoadBalancer.Factory> loadBalancers() {
                    return registry.loadBalancers();
                }

                @Override
                public Map<String, Predicate<GatewayRequest>> predicates() {
                    return registry.predicates();
                }

                @Override
                public <T> Map<String, T> parts(Class<T> kind) {
                    return registry.parts(kind);
                }
            };
        }
    }
}
