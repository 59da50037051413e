package dev.portcullis.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/spring-boot.md cannot rot: a block after {@code <!-- include: path -->} is that file of the sample or of the
 * starter's tests, character for character (the sample's test and the starter's {@code PartBeansTest} run them),
 * and the guide names every property the starter's configuration metadata lists.
 */
class SpringBootGuideTest {
    private static final Path ROOT = Path.of(System.getProperty("basedir", "")).toAbsolutePath().normalize()
            .getParent();
    private static final Pattern INCLUDE =
            Pattern.compile("<!-- include: (\\S+) -->\\R```[a-z]*\\R(.*?)```", Pattern.DOTALL);
    private static final String SAMPLE = "gateway-examples-spring-boot/src/main/";
    /** The starter's test files the guide shows: {@code PartBeansTest} runs them. */
    private static final String STARTER_TESTS = "portcullis-spring-boot-starter/src/test/";

    private static String guide() throws IOException {
        return Files.readString(ROOT.resolve("docs/spring-boot.md"));
    }

    @Test
    void everyIncludedBlockIsTheSampleFileItNames() throws IOException {
        Matcher block = INCLUDE.matcher(guide());
        List<String> included = new ArrayList<>();
        while (block.find()) {
            assertThat(block.group(2)).as("the block of %s: copy the file into docs/spring-boot.md", block.group(1))
                    .isEqualTo(Files.readString(ROOT.resolve(block.group(1))));
            included.add(block.group(1));
        }
        assertThat(included).containsExactly(SAMPLE + "resources/application.properties",
                SAMPLE + "config/gateway.yaml", SAMPLE + "java/dev/portcullis/examples/springboot/SampleApplication.java",
                STARTER_TESTS + "java/dev/portcullis/spring/boot/PartnerKeysConfiguration.java",
                STARTER_TESTS + "resources/partner-keys.yaml");
    }

    @Test
    void theGuideNamesEveryPropertyOfTheStartersMetadata() throws IOException {
        String guide = guide();
        JsonNode metadata;
        try (InputStream json = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            metadata = new ObjectMapper().readTree(json);
        }
        List<String> names = new ArrayList<>();
        metadata.get("properties").forEach(property -> names.add(property.get("name").asText()));
        assertThat(names).isNotEmpty().allSatisfy(name -> assertThat(guide).contains("`" + name + "`"));
    }
}
