package dev.portcullis.examples.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portcullis.config.GatewayConfig;
import dev.portcullis.config.InterceptorRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The annotated configuration file of docs/configuration.md, as written there, builds the pipeline it describes
 * (DocsCodeBlocksTest checks every YAML block of the docs, the error report included).
 */
class ConfigGuideTest {
    private static final Path GUIDE = Path.of("../docs/configuration.md");

    @TempDir
    Path directory;

    /**
     * @param skip how many fences of that language to pass over first (a plain block: the closing fence of the
     *     block before it counts)
     * @return the code block of the given language that follows the heading
     */
    private static String block(String heading, String language, int skip) throws IOException {
        String text = Files.readString(GUIDE);
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
                block("## A complete example, annotated", "yaml", 0));
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
}
