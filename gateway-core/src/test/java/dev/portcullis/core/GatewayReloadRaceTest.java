package dev.portcullis.core;

import static dev.portcullis.core.GatewayReloadTest.config;
import static dev.portcullis.core.GatewayReloadTest.configOf;
import static dev.portcullis.core.GatewayReloadTest.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.ExchangeEvent;
import dev.portcullis.core.testing.CountingClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Reloads racing exchanges that open, run and end on four threads: each exchange sees one whole configuration, and
 * once a replaced configuration reports drained no exchange opens on it any more.
 */
class GatewayReloadRaceTest {
    private static final int OPENERS = 4;
    private static final int RELOADS = 300;
    private static final int MIN_EXCHANGES_PER_OPENER = 200;
    private final ExecutorService threads = Executors.newFixedThreadPool(OPENERS);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void underConcurrentReloadsEveryExchangeRunsOnOneWholeConfigurationAndNoneOpensOnOneThatDrained()
            throws Exception {
        List<Config> configs = new ArrayList<>();
        configs.add(new Config(0));
        Gateway gateway = configs.get(0).settings().upstreamClient(new CountingClient()).build();
        AtomicBoolean reloading = new AtomicBoolean(true);
        List<Future<Integer>> openers = new ArrayList<>();
        for (int i = 0; i < OPENERS; i++) {
            openers.add(threads.submit(() -> mismatchesWhileReloading(gateway, reloading)));
        }
        List<CompletableFuture<Void>> drained = new ArrayList<>();
        for (int i = 1; i <= RELOADS; i++) {
            Config replaced = configs.get(i - 1);
            Config next = new Config(i);
            configs.add(next);
            drained.add(gateway.reload(next.settings()).thenRun(replaced::drained).toCompletableFuture());
        }
        reloading.set(false);

        for (Future<Integer> opener : openers) {
            assertEquals(0, opener.get(60, TimeUnit.SECONDS), "exchanges that mixed two configurations");
        }
        CompletableFuture.allOf(drained.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        for (Config config : configs.subList(0, RELOADS)) {
            assertEquals(config.endedAtDrain, config.startedAtDrain, "config " + config.name);
            assertEquals(config.startedAtDrain, config.started.get(), "config " + config.name
                    + ": an exchange opened after it drained");
        }
        assertTrue(configs.stream().filter(config -> config.started.get() > 0).count() > 1,
                "the exchanges ran on more than one configuration");
    }

    /** @return how many exchanges saw the pipeline of one configuration and the request-id header of another */
    private static int mismatchesWhileReloading(Gateway gateway, AtomicBoolean reloading) {
        int mismatches = 0;
        for (int n = 0; reloading.get() || n < MIN_EXCHANGES_PER_OPENER; n++) {
            Exchange exchange = gateway.open(get("/race"));
            String config = configOf(exchange.run().join());
            if (!exchange.requestIdHeader().equals("Id-" + config)) {
                mismatches++;
            }
            exchange.end(200, 0);
        }
        return mismatches;
    }

    /** One configuration, with a listener counting the exchanges that started and ended on it. */
    private static final class Config {
        private final String name;
        private final AtomicInteger started = new AtomicInteger();
        private final AtomicInteger ended = new AtomicInteger();
        private volatile int startedAtDrain = -1;
        private volatile int endedAtDrain = -2;

        Config(int number) {
            this.name = Integer.toString(number);
        }

        Gateway.Builder settings() {
            return config(name).listener(event -> {
                if (event instanceof ExchangeEvent.Started) {
                    started.incrementAndGet();
                } else if (event instanceof ExchangeEvent.Ended) {
                    ended.incrementAndGet();
                }
            });
        }

        void drained() {
            endedAtDrain = ended.get();
            startedAtDrain = started.get();
        }
    }
}
