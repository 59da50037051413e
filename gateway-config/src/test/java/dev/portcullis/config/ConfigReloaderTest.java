package dev.portcullis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.Chain;
import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.Interceptor;
import dev.portcullis.core.Gateway;
import dev.portcullis.core.client.UpstreamClient;
import dev.portcullis.core.client.UpstreamRequest;
import dev.portcullis.core.client.UpstreamResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reloader reads, checks and builds a changed file off the request path, hands it to the gateway's reload (a
 * fake here: the engine's side is {@code Gateway.reload}), keeps the configuration in force when the file is wrong
 * or refused, and closes replaced parts only once the replaced snapshot has drained.
 */
class ConfigReloaderTest {
    @TempDir
    Path directory;

    private final Map<String, Boolean> open = new ConcurrentHashMap<>();
    private ConfigFiles files;
    private GatewayConfig.Loader loader;

    @BeforeEach
    void aLoaderWithAClosableCustomStage() {
        files = new ConfigFiles(directory);
        loader = files.loader().interceptors(InterceptorRegistry.builder()
                .addFactory("tag", settings -> new TagStage(String.valueOf(settings.get("v")), open)).build());
    }

    private static String[] tagged(String value) {
        return new String[] {"pipeline: [tag, routing]", "routes: [{id: api, upstreams: ['http://10.0.0.5:8080']}]",
            "interceptors: {tag: {v: " + value + "}}"};
    }

    @Test
    void aValidChangeIsSwappedInAndTheReplacedPartsCloseOnlyOnceTheOldSnapshotHasDrained() {
        FakeGateway gateway = new FakeGateway();
        GatewayConfig first = loader.load(files.write(tagged("one")));
        try (ConfigReloader reloader = ConfigReloader.builder(loader, first, gateway).build()) {
            files.write(tagged("two"));
            ReloadResult result = reloader.reload();
            ReloadResult.Applied applied = assertInstanceOf(ReloadResult.Applied.class, result);
            assertEquals("Tag(two) -> Routing", applied.describe());
            assertEquals(List.of("Tag(two) -> Routing"), gateway.swapped);
            assertTrue(open.get("one"), "the old stage serves the requests still in flight");
            gateway.drain();
            applied.drained().toCompletableFuture().join();
            assertFalse(open.get("one"), "the old stage is closed once its snapshot drained");
            assertTrue(open.get("two"));
        }
        assertFalse(open.get("two"), "closing the reloader closes the configuration in force");
    }

    @Test
    void whatTheApplicationSetsInCodeOnTheBaseBuilderSurvivesAReload() {
        FakeGateway gateway = new FakeGateway();
        GatewayConfig first = loader.load(files.write(tagged("one")));
        try (ConfigReloader reloader = ConfigReloader.builder(loader, first, gateway)
                .base(() -> Gateway.builder().requestIdHeader("X-Trace-Id")).build()) {
            files.write(tagged("two"));
            assertInstanceOf(ReloadResult.Applied.class, reloader.reload());
            assertEquals(List.of("X-Trace-Id"), gateway.requestIdHeaders);
            gateway.drain();
        }
    }

    @Test
    void anInvalidFileIsRejectedWithItsProblemsAndTheGatewayIsNotTouched() {
        FakeGateway gateway = new FakeGateway();
        GatewayConfig first = loader.load(files.write(tagged("one")));
        try (ConfigReloader reloader = ConfigReloader.builder(loader, first, gateway).build()) {
            files.write("pipeline: [tag, routing]", "routes: [{id: api}]");
            ReloadResult.Rejected rejected = assertInstanceOf(ReloadResult.Rejected.class, reloader.reload());
            assertEquals("routes[0].upstreams", rejected.problems().get(0).path());
            assertEquals(List.of(), gateway.swapped);
            assertSame(first, reloader.current());
            assertTrue(open.get("one"));
        }
    }

    @Test
    void aConfigurationTheGatewayRefusesIsRejectedAndWhatItBuiltIsClosed() {
        GatewayConfig first = loader.load(files.write(tagged("one")));
        ReloadTarget refusing = next -> {
            throw new IllegalArgumentException("maxInFlight: must be at least 1, was 0");
        };
        try (ConfigReloader reloader = ConfigReloader.builder(loader, first, refusing).build()) {
            files.write(tagged("two"));
            ReloadResult.Rejected rejected = assertInstanceOf(ReloadResult.Rejected.class, reloader.reload());
            assertEquals("the gateway refused the configuration: maxInFlight: must be at least 1, was 0",
                    rejected.problems().get(0).message());
            assertFalse(open.get("two"), "the refused configuration's new stage is closed");
            assertTrue(open.get("one"), "the configuration in force keeps its stage");
            assertSame(first, reloader.current());
        }
    }

    @Test
    void theWatchReloadsAChangedFileOnItsOwnDaemonThreadAndStopsWhenClosed() throws Exception {
        FakeGateway gateway = new FakeGateway();
        GatewayConfig first = loader.load(files.write(tagged("one")));
        Thread watch;
        try (ConfigReloader reloader = ConfigReloader.builder(loader, first, gateway)
                .watch(Duration.ofMillis(20)).build()) {
            files.write(tagged("two"));
            assertEquals("Tag(two) -> Routing", gateway.calls.poll(10, TimeUnit.SECONDS));
            assertEquals("Tag(two) -> Routing", reloader.current().describe());
            watch = Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> thread.getName().equals("portcullis-config-watch")).findFirst().orElseThrow();
            assertTrue(watch.isDaemon());
            gateway.drain();
        }
        watch.join(10_000);
        assertFalse(watch.isAlive(), "closing the reloader stops the watch");
    }

    /** A stand-in for the engine's reload: records each swap and drains when told. */
    private static final class FakeGateway implements ReloadTarget {
        private final List<String> swapped = new CopyOnWriteArrayList<>();
        private final List<String> requestIdHeaders = new CopyOnWriteArrayList<>();
        private final BlockingQueue<String> calls = new LinkedBlockingQueue<>();
        private final List<CompletableFuture<Void>> draining = new CopyOnWriteArrayList<>();

        @Override
        public CompletionStage<Void> reload(Gateway.Builder next) {
            try (Gateway gateway = next.upstreamClient(new NeverSends()).build()) {
                swapped.add(gateway.describe());
                requestIdHeaders.add(gateway.requestIdHeader());
                calls.add(gateway.describe());
            }
            CompletableFuture<Void> drained = new CompletableFuture<>();
            draining.add(drained);
            return drained;
        }

        void drain() {
            draining.forEach(drained -> drained.complete(null));
        }
    }

    private static final class NeverSends implements UpstreamClient {
        @Override
        public CompletableFuture<UpstreamResponse> exchange(UpstreamRequest request) {
            return CompletableFuture.failedFuture(new IllegalStateException("not in this test"));
        }

        @Override
        public void close() {
        }
    }

    /** A custom stage that records whether it is open. */
    private static final class TagStage implements Interceptor, AutoCloseable {
        private final String value;
        private final Map<String, Boolean> open;

        TagStage(String value, Map<String, Boolean> open) {
            this.value = value;
            this.open = open;
            open.put(value, true);
        }

        @Override
        public CompletionStage<GatewayResponse> intercept(Chain chain) {
            return chain.proceed(chain.request());
        }

        @Override
        public String name() {
            return "Tag(" + value + ")";
        }

        @Override
        public void close() {
            open.put(value, false);
        }
    }
}
