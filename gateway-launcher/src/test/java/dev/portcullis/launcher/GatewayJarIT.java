package dev.portcullis.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.servlet.it.TestUpstream;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code portcullis-gateway.jar} as a user runs it ({@code java -jar}, run by failsafe after {@code package}):
 * against a real upstream started here, with the shipped example file pointed at it.
 */
@Timeout(180)
class GatewayJarIT {
    /** Exit status of a JVM ended by SIGTERM after its shutdown hooks ran: 128 + 15. */
    private static final int SIGTERM_EXIT = 143;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path directory;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private TestUpstream upstream;

    @BeforeEach
    void startUpstream() throws IOException {
        upstream = TestUpstream.start(TestUpstream.echo());
    }

    @AfterEach
    void stopUpstream() {
        upstream.close();
    }

    /** @return the shipped example gateway.yaml, pointed at this test's upstream */
    private Path config() throws IOException {
        return Files.writeString(directory.resolve("gateway.yaml"), exampleText());
    }

    private String exampleText() throws IOException {
        return Files.readString(Path.of(LauncherConfigTest.EXAMPLE))
                .replace("http://127.0.0.1:9001", upstream.baseUri());
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(REQUEST_TIMEOUT)
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> javaJar(String... arguments) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of("-jar", RunningJar.jar().toString()),
                java.util.stream.Stream.of(arguments)).collect(Collectors.toList());
    }

    @Test
    void theJarProxiesARouteOfItsConfigFileAnswersOtherPathsWithA404ProblemAndLogsWithTimeAndThread()
            throws Exception {
        try (RunningJar gateway = RunningJar.start(directory, javaJar("--port", "0", "--config", config().toString()))) {
            int port = gateway.awaitPort();

            HttpResponse<String> routed = get(port, "/api/users/7");
            assertEquals(200, routed.statusCode(), gateway.output());
            assertTrue(routed.body().startsWith("GET /users/7\n"), routed.body());

            HttpResponse<String> unrouted = get(port, "/elsewhere");
            assertEquals(404, unrouted.statusCode());
            assertEquals("application/problem+json", unrouted.headers().firstValue("Content-Type").orElseThrow());
            assertTrue(unrouted.body().contains("\"type\":\"https://portcullis.dev/problems/not-found\""),
                    unrouted.body());

            assertTrue(gateway.err().stream().anyMatch(line -> line.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d"
                    + "\\.\\d{3}\\S* \\[main] INFO dev\\.portcullis\\.servlet\\.GatewayFilter - Portcullis pipeline: "
                    + "Routing -> RequestGuards")), "slf4j-simple as simplelogger.properties sets it up:\n"
                    + gateway.output());
        }
    }

    @Test
    void aMalformedRequestLineIsAnsweredByJettysErrorPageAsAProblem() throws Exception {
        try (RunningJar gateway = RunningJar.start(directory, javaJar("--port", "0", "--config", config().toString()));
             java.net.Socket socket = new java.net.Socket("127.0.0.1", gateway.awaitPort())) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write("GET /api/%zz HTTP/1.1\r\nHost: gw\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
            assertTrue(answer.contains("Content-Type: application/problem+json"), answer);
            assertTrue(!answer.contains("Jetty") && !answer.contains("Exception"), answer);
        }
    }

    @Test
    void sigtermStopsTheJarCleanlyWithinItsDrainTimeout() throws Exception {
        try (RunningJar gateway = RunningJar.start(directory, javaJar("--port", "0", "--drain-timeout", "5s",
                "--config", config().toString()))) {
            int port = gateway.awaitPort();
            assertEquals(200, get(port, "/api/x").statusCode());

            long stopped = System.nanoTime();
            gateway.terminate();
            assertEquals(SIGTERM_EXIT, gateway.awaitExit(30), gateway.output());
            long tookMillis = (System.nanoTime() - stopped) / 1_000_000;
            assertTrue(tookMillis < 15_000, "with nothing in flight it ended after " + tookMillis + " ms");
            assertTrue(gateway.err().stream().anyMatch(line -> line.contains("INFO org.eclipse.jetty.server.Server - "
                    + "Stopped")), gateway.output());
            assertTrue(gateway.err().stream().noneMatch(line -> line.contains("Exception") || line.contains("WARN")),
                    "a clean stop logs no warning: " + gateway.output());
        }
    }

    @Test
    void helpListsEveryOptionAndExitsZero() throws Exception {
        try (RunningJar help = RunningJar.start(directory, javaJar("--help"))) {
            assertEquals(0, help.awaitExit(60), help.output());
            assertEquals(LauncherOptions.USAGE, String.join("\n", help.out()));
        }
    }

    @Test
    void validateExitsZeroForAValidFileAndTwoListingTheProblemsOfABrokenOne() throws Exception {
        Path valid = config();
        try (RunningJar check = RunningJar.start(directory, javaJar("--validate", valid.toString()))) {
            assertEquals(0, check.awaitExit(60), check.output());
            assertEquals(List.of(valid + ": valid"), check.out());
        }
        Path broken = Files.writeString(directory.resolve("broken.yaml"),
                "pipeline: [routing]\nroutes: [{id: a, upstreams: ['http://127.0.0.1:9'], timeout: 1s}]\n");
        try (RunningJar check = RunningJar.start(directory, javaJar("--validate", broken.toString()))) {
            assertEquals(2, check.awaitExit(60), check.output());
            assertEquals(List.of(broken + ":2:53: routes[0].timeout: unknown setting 'timeout'; did you mean "
                    + "'timeouts'?"), check.err());
        }
    }

    @Test
    void anUnknownFlagExitsTwoWithAMessageNamingIt() throws Exception {
        try (RunningJar gateway = RunningJar.start(directory, javaJar("--prot", "8080"))) {
            assertEquals(2, gateway.awaitExit(60), gateway.output());
            assertEquals(List.of("portcullis: --prot: unknown option, see --help", "run with --help for the options"),
                    gateway.err());
        }
    }

    @Test
    void aCustomStageInAJarOnTheClassPathIsFoundByName() throws Exception {
        String classPath = RunningJar.jar() + File.pathSeparator + Path.of("target", "test-classes");
        Path file = Files.writeString(directory.resolve("stamped.yaml"), exampleText()
                .replace("pipeline: [routing, guards]", "pipeline: [routing, guards, stamp]")
                + "\ninterceptors:\n  stamp: {value: from-my-jar}\n");
        try (RunningJar gateway = RunningJar.start(directory, List.of("-cp", classPath, Main.class.getName(),
                "--port", "0", "--config", file.toString()))) {
            HttpResponse<String> routed = get(gateway.awaitPort(), "/api/x");
            assertEquals(200, routed.statusCode(), gateway.output());
            assertEquals("from-my-jar", routed.headers().firstValue(StampStageProvider.HEADER).orElseThrow());
        }
    }

    @Test
    void theJarHoldsNoTestClassesAndNoJUnit() throws IOException {
        try (JarFile jar = new JarFile(RunningJar.jar().toFile())) {
            List<String> testEntries = jar.stream().map(java.util.jar.JarEntry::getName)
                    .filter(name -> name.startsWith("org/junit/") || name.startsWith("org/opentest4j/")
                            || name.startsWith("dev/portcullis/servlet/it/") || name.startsWith("dev/portcullis/")
                            && (name.endsWith("Test.class") || name.endsWith("IT.class")))
                    .collect(Collectors.toList());
            assertEquals(List.of(), testEntries);
            assertEquals(Main.class.getName(), jar.getManifest().getMainAttributes().getValue("Main-Class"));
        }
    }
}
