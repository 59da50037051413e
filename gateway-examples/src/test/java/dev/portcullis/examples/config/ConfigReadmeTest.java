package dev.portcullis.examples.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portcullis.config.ConfigProblem;
import dev.portcullis.config.GatewayConfig;
import dev.portcullis.config.InterceptorRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration file and the error report shown in README.md, as written there, so the README cannot rot. */
class ConfigReadmeTest {
    private static final Path README = Path.of("../README.md");

    @TempDir
    Path directory;

    /**
     * @param skip how many fences of that language to pass over first (a plain block: the closing fence of the
     *     block before it counts)
     * @return the code block of the given language that follows the heading
     */
    private static String block(String heading, String language, int skip) throws IOException {
        String text = Files.readString(README);
        int at = text.indexOf(heading);
        for (int i = 0; i <= skip; i++) {
            at = text.indexOf("```" + language + "\n", at + 1);
        }
        int start = at + language.length() + 4;
        return text.substring(start, text.indexOf("```\n", start));
    }

    @Test
    void theAnnotatedExampleLoads() throws IOException {
        Path file = Files.writeString(directory.resolve("gateway.yaml"),
                block("### A complete example, annotated", "yaml", 0));
        Files.createDirectories(directory.resolve("schemas"));
        Files.writeString(directory.resolve("schemas/order.json"), "{\"type\": \"object\"}");
        Files.copy(ConfigTwinsTest.EXAMPLES.resolve("keys/api-keys.json"), directory.resolve("keys.json"));
        GatewayConfig config = GatewayConfig.loader()
                .environment(Map.of("REPORTING_KEY", "reporting-key", "REDIS_URL", "redis://127.0.0.1:1")::get)
                .interceptors(InterceptorRegistry.builder().discover(getClass().getClassLoader()).build())
                .load(file);
        try {
            assertEquals("Routing -> IpFilter -> Cors -> RequestGuards -> IpRateLimit -> Authentication -> "
                    + "Authorization -> UserRateLimit -> Validation -> RouteTransform -> ClaimHeaders -> "
                    + "TenantInterceptor", config.describe());
        } finally {
            config.close();
        }
    }

    @Test
    void theErrorExampleReportsWhatTheReadmeShows() throws IOException {
        Path file = Files.writeString(directory.resolve("gateway.yaml"), block("### Errors", "yaml", 0));
        List<String> problems = GatewayConfig.loader().check(file).stream().map(ConfigProblem::toString)
                .map(problem -> problem.replace(file.toString(), "gateway.yaml")).toList();
        assertEquals(block("### Errors", "", 1).strip(), String.join("\n", problems));
    }
}
