package dev.portcullis.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code ./demo} does, run by failsafe after {@code package}: {@code portcullis-gateway.jar} with the examples'
 * classes next to it and the demo's gateway file (its ports pointed at {@link DemoServices} started here), then every
 * curl line {@link TryIt#forJar} prints, run by {@code bash} as a user pastes them, in the printed order.
 */
@Timeout(180)
class DemoJarIT {
    private static final Pattern GATEWAY = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");
    private static final Pattern ADMIN = Pattern.compile("Prometheus scrape on (http://127\\.0\\.0\\.1:\\d+)/");
    private static final long START_SECONDS = 60;

    @TempDir
    Path directory;

    @Test
    void everyPrintedCurlLineGetsTheAnswerItsCommentPromisesAndTheBurstLineEndsInA429() throws Exception {
        assumeTrue(new File("/usr/bin/curl").canExecute() || new File("/bin/curl").canExecute(), "needs curl");
        try (DemoServices services = DemoServices.start(0, 0)) {
            Path file = Files.writeString(directory.resolve("demo-gateway.yaml"), Files.readString(DemoGatewayFileTest.FILE)
                    .replace("http://127.0.0.1:" + DemoServices.UPSTREAM_PORT, services.upstream().baseUri())
                    .replace("http://127.0.0.1:" + DemoServices.ISSUER_PORT + DemoJwksIssuer.JWKS_PATH,
                            services.issuer().jwksUri()));
            Process gateway = start(List.of("-cp", property("portcullis.gateway.jar") + File.pathSeparator
                    + property("portcullis.examples.classes"), "dev.portcullis.launcher.Main", "--port", "0",
                    "--admin-port", "0", "--config", file.toString()), "gateway");
            try {
                String banner = awaitBanner(gateway);
                String token = services.issuer().token("alice", DemoGateway.SECURE_SCOPE, Duration.ofMinutes(5));
                List<String> answers = new ArrayList<>();
                for (TryIt line : TryIt.forJar(find(GATEWAY, banner), find(ADMIN, banner), token)) {
                    answers.add(bash(line.command()));
                }

                assertTrue(answers.get(0).startsWith("HTTP/1.1 200 "), answers.get(0));
                assertTrue(answers.get(0).contains("\"path\":\"/orders\",\"query\":\"page=2\",\"tenant\":\"acme\""),
                        answers.get(0));
                assertStatus(403, "unknown-tenant", answers.get(1));
                assertStatus(400, "tenant-required", answers.get(2));
                assertStatus(401, "unauthorized", answers.get(3));
                assertTrue(answers.get(3).contains("WWW-Authenticate: Bearer"), answers.get(3));
                assertTrue(answers.get(4).startsWith("HTTP/1.1 200 "), answers.get(4));
                assertTrue(answers.get(4).contains("\"user\":\"alice\""), answers.get(4));
                assertTrue(answers.get(5).startsWith("HTTP/1.1 204 "), answers.get(5));
                assertTrue(answers.get(5).contains("Access-Control-Allow-Origin: " + DemoGateway.BROWSER_ORIGIN),
                        answers.get(5));
                assertTrue(answers.get(6).contains("\"pipeline\":[\"Routing\",\"Cors\",\"RequestGuards\","
                        + "\"PerIpRateLimit\",\"Authentication\",\"Authorization\",\"ClaimHeaders\","
                        + "\"TenantInterceptor\"]"), answers.get(6));
                assertTrue(answers.get(7).contains("portcullis_requests_seconds_count{method=\"GET\","
                        + "outcome=\"completed\",route=\"api\",status=\"2xx\"}"), answers.get(7));
                assertTrue(answers.get(8).startsWith("200 200 200 200 200 429 429 \nHTTP/1.1 429 "), answers.get(8));
                assertTrue(answers.get(8).contains("Retry-After: "), answers.get(8));
                assertEquals(9, answers.size());
            } finally {
                gateway.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static void assertStatus(int status, String problemType, String answer) {
        assertTrue(answer.startsWith("HTTP/1.1 " + status + " "), answer);
        assertTrue(answer.contains("Content-Type: application/problem+json"), answer);
        assertTrue(answer.contains("problems/" + problemType + "\""), answer);
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        assertTrue(value != null, name + " is not set: run this test with mvn verify");
        return value;
    }

    private Process start(List<String> javaArguments, String name) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx128m"));
        command.addAll(javaArguments);
        return new ProcessBuilder(command).redirectOutput(directory.resolve(name + ".out").toFile())
                .redirectError(directory.resolve(name + ".log").toFile()).start();
    }

    /** @return what the gateway printed once its admin line shows (both ports are then listening) */
    private String awaitBanner(Process gateway) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        Path out = directory.resolve("gateway.out");
        String banner = "";
        while (!ADMIN.matcher(banner).find()) {
            assertTrue(gateway.isAlive() && System.nanoTime() < deadline, () -> "the gateway did not start: "
                    + read(out) + read(directory.resolve("gateway.log")));
            Thread.sleep(50);
            banner = read(out);
        }
        return banner;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(" + file + " unreadable: " + e + ")";
        }
    }

    private static String find(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        assertTrue(matcher.find(), text);
        return matcher.group(1);
    }

    /** @return what the command wrote to standard output (not curl's progress meter), CRLF line ends made LF */
    private static String bash(String command) throws Exception {
        Process shell = new ProcessBuilder("bash", "-c", command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] output = shell.getInputStream().readAllBytes();
        assertTrue(shell.waitFor(60, TimeUnit.SECONDS), command);
        return new String(output, StandardCharsets.UTF_8).replace("\r\n", "\n");
    }
}
