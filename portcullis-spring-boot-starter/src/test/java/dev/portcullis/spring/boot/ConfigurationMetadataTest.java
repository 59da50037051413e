package dev.portcullis.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The jar's spring-configuration-metadata.json, which IDEs read to complete and document the properties. */
class ConfigurationMetadataTest {
    private static Map<String, JsonNode> properties() throws IOException {
        JsonNode metadata;
        try (InputStream json = ConfigurationMetadataTest.class
                .getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            metadata = new ObjectMapper().readTree(json);
        }
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        metadata.get("properties").forEach(property -> byName.put(property.get("name").asText(), property));
        return byName;
    }

    @Test
    void listsEveryPropertyWithItsTypeDescriptionAndDefault() throws IOException {
        Map<String, JsonNode> properties = properties();
        assertThat(properties).containsKeys("portcullis.enabled", "portcullis.config-file", "portcullis.filter.order",
                "portcullis.filter.url-patterns", "portcullis.reload.enabled", "portcullis.reload.interval",
                "portcullis.metrics.enabled", "management.health.portcullis.enabled",
                "management.endpoint.portcullis.access");
        assertThat(properties.values()).allSatisfy(property -> {
            assertThat(property.hasNonNull("type")).as("type of %s", property).isTrue();
            assertThat(property.path("description").asText()).as("description of %s", property).isNotBlank();
        });
        assertThat(properties.get("portcullis.filter.order").get("defaultValue").asInt())
                .isEqualTo(PortcullisProperties.DEFAULT_FILTER_ORDER);
        assertThat(properties.get("portcullis.filter.url-patterns").get("defaultValue").get(0).asText())
                .isEqualTo("/*");
        assertThat(properties.get("portcullis.reload.interval").get("defaultValue").asText()).isEqualTo("2s");
        assertThat(properties.get("portcullis.config-file").get("type").asText()).isEqualTo("java.nio.file.Path");
    }
}
