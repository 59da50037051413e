package dev.portcullis.config;

import dev.portcullis.core.Gateway;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads a running gateway from its configuration file: on {@link #reload()}, or by itself when the file's
 * content changes ({@link Builder#watch(Duration)}: one daemon thread that reads the file every interval, stopped
 * by {@link #close()}). A reload reads, checks and builds the new configuration on the caller's (or the watch's)
 * thread, never a request thread, then hands it to the {@link ReloadTarget}, the gateway's {@code reload}, which
 * swaps it in atomically. Parts whose settings did not change carry over (authenticators with their JWKS caches,
 * bucket stores with their buckets, the upstream client with its pools); what the new configuration no longer uses
 * is closed once the replaced snapshot has drained. A file that fails its checks, or that the gateway refuses, is
 * logged once (the watch reloads only a changed file) and the configuration in force keeps serving.
 *
 * <p>The reloader owns the configurations: {@link #close()} stops the watch and closes the configuration in
 * force, so call it after the gateway has stopped.
 *
 * <pre>{@code
 * GatewayConfig.Loader loader = GatewayConfig.loader();
 * GatewayConfig config = loader.load(Path.of("gateway.yaml"));
 * Gateway gateway = config.applyTo(Gateway.builder().listener(accessLog)).build();
 * ConfigReloader reloader = ConfigReloader.builder(loader, config, gateway::reload)
 *     .base(() -> Gateway.builder().listener(accessLog))   // what the code sets, kept by every reload
 *     .watch(Duration.ofSeconds(2))
 *     .build();
 * // ... on shutdown:
 * gateway.close();
 * reloader.close();
 * }</pre>
 */
public final class ConfigReloader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigReloader.class);
    private static final Duration SHORTEST_INTERVAL = Duration.ofMillis(10);
    private static final long STOP_WAIT_SECONDS = 10;

    private final GatewayConfig.Loader loader;
    private final ReloadTarget target;
    private final Supplier<Gateway.Builder> base;
    private final ScheduledExecutorService watch;
    private GatewayConfig current;
    private CompletableFuture<Void> retired = CompletableFuture.completedFuture(null);
    private byte[] lastSeen;

    private ConfigReloader(Builder b) {
        this.loader = b.loader;
        this.target = b.target;
        this.base = b.base;
        this.current = b.current;
        this.lastSeen = digest(current.file());
        if (b.interval == null) {
            this.watch = null;
        } else {
            this.watch = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "portcullis-config-watch");
                thread.setDaemon(true);
                return thread;
            });
            long millis = b.interval.toMillis();
            watch.scheduleWithFixedDelay(this::poll, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * @param loader loads the file (with the custom stages and environment the first load used)
     * @param current the configuration the gateway runs now; the reloader takes ownership of it
     * @param target the gateway's reload, typically {@code gateway::reload}
     * @return a builder
     */
    public static Builder builder(GatewayConfig.Loader loader, GatewayConfig current, ReloadTarget target) {
        return new Builder(loader, current, target);
    }

    /**
     * Reads the file again and, when it is valid and the gateway accepts it, swaps it in.
     *
     * @return what happened; never throws for a bad file
     */
    public synchronized ReloadResult reload() {
        GatewayConfig next;
        try {
            next = loader.load(current.file(), current);
        } catch (ConfigException e) {
            return rejected(e.problems());
        }
        CompletionStage<Void> drained;
        try {
            drained = Objects.requireNonNull(target.reload(next.applyTo(base.get())), "drained");
        } catch (RuntimeException e) {
            next.closeExcept(current);
            return rejected(List.of(new ConfigProblem(current.file().toString(), 1, 1, "",
                    "the gateway refused the configuration: " + e.getMessage())));
        }
        GatewayConfig replaced = current;
        current = next;
        retired = retired.thenCombine(drained.handle((done, failure) -> null), (a, b) -> null)
                .thenRun(() -> replaced.closeExcept(next));
        LOG.info("configuration {} reloaded: {}", next.file(), next.describe());
        return new ReloadResult.Applied(next.describe(), retired);
    }

    /** @return the configuration in force */
    public synchronized GatewayConfig current() {
        return current;
    }

    /** Stops the watch (waiting for a reload in progress) and closes the configuration in force. */
    @Override
    public void close() {
        if (watch != null) {
            watch.shutdownNow();
            try {
                if (!watch.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                    LOG.warn("the configuration watch did not stop within {} s", STOP_WAIT_SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            current.close();
        }
    }

    private ReloadResult rejected(List<ConfigProblem> problems) {
        LOG.warn("configuration {} rejected, the one in force keeps serving:\n  {}", current.file(),
                problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n  ")));
        return new ReloadResult.Rejected(problems);
    }

    private void poll() {
        try {
            byte[] seen = digest(current().file());
            if (!Arrays.equals(seen, lastSeen)) {
                lastSeen = seen;
                reload();
            }
        } catch (RuntimeException e) {
            LOG.warn("the configuration watch failed; it keeps watching", e);
        }
    }

    /** @return the SHA-256 of the file's content, or null when it cannot be read (being replaced, say) */
    private static byte[] digest(Path file) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
        } catch (IOException e) {
            return null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** Collects a reloader's settings. Not thread-safe. */
    public static final class Builder {
        private final GatewayConfig.Loader loader;
        private final GatewayConfig current;
        private final ReloadTarget target;
        private Supplier<Gateway.Builder> base = Gateway::builder;
        private Duration interval;

        private Builder(GatewayConfig.Loader loader, GatewayConfig current, ReloadTarget target) {
            this.loader = Objects.requireNonNull(loader, "loader");
            this.current = Objects.requireNonNull(current, "current");
            this.target = Objects.requireNonNull(target, "target");
        }

        /**
         * @param base makes the builder each reload starts from, holding what the application sets in code and the
         *     file does not (listeners, say), so a reload keeps them; the file's settings are applied on top.
         *     Default {@code Gateway::builder}
         * @return this builder
         */
        public Builder base(Supplier<Gateway.Builder> base) {
            this.base = Objects.requireNonNull(base, "base");
            return this;
        }

        /**
         * @param interval how often the watch reads the file; a changed content is reloaded. At least 10 ms
         * @return this builder
         */
        public Builder watch(Duration interval) {
            Objects.requireNonNull(interval, "interval");
            if (interval.compareTo(SHORTEST_INTERVAL) < 0) {
                throw new IllegalArgumentException("watch: the interval must be at least 10ms, was " + interval);
            }
            this.interval = interval;
            return this;
        }

        /** @return the reloader, watching if asked to */
        public ConfigReloader build() {
            return new ConfigReloader(this);
        }
    }
}
