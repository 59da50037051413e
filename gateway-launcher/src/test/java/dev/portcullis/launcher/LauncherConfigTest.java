package dev.portcullis.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.servlet.it.TestUpstream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher builds its gateway from --config and checks a file with --validate. */
class LauncherConfigTest {
    /** The example configuration file docs/launcher.md shows, relative to this module. */
    static final String EXAMPLE = "src/main/config/gateway.yaml";

    @TempDir
    Path directory;

    private TestUpstream upstream;

    @BeforeEach
    void startUpstream() throws Exception {
        upstream = TestUpstream.start(TestUpstream.echo());
    }

    @AfterEach
    void stopUpstream() {
        upstream.close();
    }

    /** @return the shipped example gateway.yaml, its upstream pointed at this test's upstream */
    private Path plainProxy() throws Exception {
        String text = Files.readString(Path.of(EXAMPLE)).replace("http://127.0.0.1:9001", upstream.baseUri());
        return Files.writeString(directory.resolve("plain-proxy.yaml"), text);
    }

    @Test
    void theLauncherServesTheGatewayOfAConfigFile() throws Exception {
        LauncherOptions options = LauncherOptions.parse("--port", "0", "--config", plainProxy().toString());
        try (LauncherServer server = LauncherServer.start(options)) {
            assertEquals("Routing -> RequestGuards", server.describe());
            HttpResponse<String> routed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/api/users/7")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, routed.statusCode());
            assertTrue(routed.body().startsWith("GET /users/7\n"), routed.body());
            HttpResponse<String> unrouted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/elsewhere")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, unrouted.statusCode());
        }
    }

    @Test
    void aChangedConfigFileIsReloadedIntoTheRunningLauncherAndABrokenOneLeavesItServing() throws Exception {
        Path file = plainProxy();
        LauncherOptions options = LauncherOptions.parse("--port", "0", "--config", file.toString());
        try (LauncherServer server = LauncherServer.start(options)) {
            assertEquals("Routing -> RequestGuards", server.describe());
            Files.writeString(file, "pipeline: [routing]\nroutes:\n  - id: only\n    path: /only/**\n"
                    + "    upstreams: [" + upstream.baseUri() + "]\n");
            assertTrue(eventually(() -> server.describe().equals("Routing")), "the new file was never swapped in");
            assertEquals(200, get(server, "/only/x").statusCode());
            assertEquals(404, get(server, "/api/users/7").statusCode());

            Files.writeString(file, "pipeline: [routing]\nroutes:\n  - id: only\n    path: /only/**\n"
                    + "    upstream: [" + upstream.baseUri() + "]\n");
            long watched = System.nanoTime() + 3 * LauncherConfig.WATCH_INTERVAL.toNanos();
            while (System.nanoTime() < watched) {
                assertEquals(200, get(server, "/only/x").statusCode(), "a broken file leaves the running one serving");
                assertEquals("Routing", server.describe());
            }
        }
    }

    private static HttpResponse<String> get(LauncherServer server, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** @return whether the condition held within 20 s, checked every 50 ms (the launcher watches every 2 s) */
    private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    @Test
    void aConfigFileWithProblemsIsAUsageErrorListingThemWithTheirLines() throws Exception {
        Path file = Files.writeString(directory.resolve("gateway.yaml"), "pipeline: [routing]\nroutes: [{id: a}]\n");
        UsageException failure = assertThrows(UsageException.class,
                () -> LauncherServer.start(LauncherOptions.parse("--port", "0", "--config", file.toString())));
        assertTrue(failure.getMessage().startsWith("--config: 1 problem in " + file), failure.getMessage());
        assertTrue(failure.getMessage().contains(file + ":2:10: routes[0].upstreams: missing required setting "
                + "'upstreams'"), failure.getMessage());
    }

    @Test
    void validateExitsZeroForAValidFileAndTwoWithEveryProblemOtherwise() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, LauncherConfig.validate(plainProxy(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertTrue(out.toString(StandardCharsets.UTF_8).endsWith("plain-proxy.yaml: valid\n"), out.toString());

        Path broken = Files.writeString(directory.resolve("broken.yaml"),
                "pipeline: [routing, corz]\nroutes: [{id: a, upstreams: ['http://127.0.0.1:9'], timeout: 1s}]\n");
        err.reset();
        assertEquals(2, LauncherConfig.validate(broken, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertEquals(broken + ":2:53: routes[0].timeout: unknown setting 'timeout'; did you mean 'timeouts'?\n",
                err.toString(StandardCharsets.UTF_8));
    }
}
