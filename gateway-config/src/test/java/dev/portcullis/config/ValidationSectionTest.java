package dev.portcullis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.ProblemTypes;
import dev.portcullis.config.testing.Decisions;
import dev.portcullis.config.testing.Requests;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A route's schema and the validation section build gateway-jsonschema's validator, compiled at load time. */
class ValidationSectionTest {
    @TempDir
    Path directory;

    private ConfigFiles files;

    @BeforeEach
    void writeTheSchemas() {
        files = new ConfigFiles(directory);
        files.writeFile("schemas/address.json", "{\"$schema\": \"https://json-schema.org/draft/2020-12/schema\",",
                " \"type\": \"object\", \"required\": [\"city\"], \"properties\": {\"city\": {\"type\": \"string\","
                        + " \"minLength\": 1}}}");
        files.writeFile("schemas/order.json", "{\"$schema\": \"https://json-schema.org/draft/2020-12/schema\",",
                " \"type\": \"object\", \"required\": [\"quantity\"], \"properties\": {",
                "  \"quantity\": {\"type\": \"integer\", \"minimum\": 1},",
                "  \"shipTo\": {\"$ref\": \"https://schemas.example.com/address.json\"}}}");
        files.writeFile("schemas/broken.json", "{\"type\": 12}");
    }

    private static String[] file(String schema) {
        return new String[] {
            "pipeline: [routing, validation]",
            "routes:",
            "  - id: orders",
            "    path: /orders/**",
            "    upstreams: [http://10.0.0.5:8080]",
            "    schema: " + schema,
            "validation:",
            "  referencedSchemas: {'https://schemas.example.com/address.json': schemas/address.json}",
            "  maxBodySize: 4KiB"};
    }

    @Test
    void aBodyTheRoutesSchemaRefusesIs422AndAValidOneIsForwarded() {
        GatewayConfig config = files.load(file("schemas/order.json"));
        assertEquals(200, Decisions.run(config.pipeline(), Requests.of("POST", "/orders")
                .header("Content-Type", "application/json").body("{\"quantity\": 2, \"shipTo\": {\"city\": \"Oslo\"}}")
                .build("r1")).status());
        var refused = Decisions.run(config.pipeline(), Requests.of("POST", "/orders")
                .header("Content-Type", "application/json").body("{\"quantity\": 0, \"shipTo\": {\"city\": \"\"}}")
                .build("r2"));
        assertEquals(422, refused.status());
        assertEquals(ProblemTypes.VALIDATION_FAILED, refused.problemType());
    }

    @Test
    void aBodyOverTheSectionsCapIs413() {
        GatewayConfig config = files.load(file("schemas/order.json"));
        assertEquals(413, Decisions.run(config.pipeline(), Requests.of("POST", "/orders")
                .header("Content-Type", "application/json").body("{\"quantity\": 2, \"pad\": \"" + "x".repeat(5000)
                        + "\"}").build("r1")).status());
    }

    @Test
    void aBrokenSchemaIsAProblemAtTheRouteThatNamesIt() {
        List<String> problems = files.problems(file("schemas/broken.json"));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("gateway.yaml:6:13: routes[0].schema: schema "), problems.get(0));
    }

    @Test
    void aSchemaFileThatDoesNotExistIsAProblemAtTheSetting() {
        List<String> problems = files.problems(file("schemas/missing.json"));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("gateway.yaml:6:13: routes[0].schema: the file 'schemas/missing.json' "
                + "does not exist"), problems.get(0));
    }

    @Test
    void aRouteSchemaWithoutAValidationStageIsAProblem() {
        String[] lines = file("schemas/order.json");
        lines[0] = "pipeline: [routing]";
        assertEquals(List.of(
                "gateway.yaml:6:13: routes[0].schema: 'schema' is set but the pipeline has no 'validation' stage",
                "gateway.yaml:8:3: validation: 'validation' is set but the pipeline has no 'validation' stage"),
                files.problems(lines));
    }
}
