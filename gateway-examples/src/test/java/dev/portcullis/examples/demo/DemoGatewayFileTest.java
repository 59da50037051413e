package dev.portcullis.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.config.GatewayConfig;
import dev.portcullis.config.InterceptorRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gateway file {@code ./demo} runs with {@code portcullis-gateway.jar} is valid and is the demo's gateway. */
class DemoGatewayFileTest {
    /** The demo's gateway file, relative to the gateway-examples module. */
    static final Path FILE = Path.of("src/main/config/demo/demo-gateway.yaml");

    private static GatewayConfig.Loader loader() {
        return GatewayConfig.loader()
                .interceptors(InterceptorRegistry.builder().discover(DemoGatewayFileTest.class.getClassLoader()).build());
    }

    @Test
    void theDemoFilePassesTheLoadersChecks() {
        assertEquals(List.of(), loader().check(FILE));
    }

    @Test
    void theDemoFileBuildsTheSamePipelineAsTheInJvmDemoInTheAdvisedOrder() {
        try (GatewayConfig config = loader().load(FILE)) {
            assertEquals(DemoGateway.pipeline(DemoGateway.routes("http://127.0.0.1:9")).describe(),
                    config.pipeline().describe());
        }
    }

    @Test
    void theDemoFileNamesThePortsOfTheDemoServicesAndTheLimitOfTheBurstLine() throws IOException {
        String text = Files.readString(FILE);

        assertTrue(text.contains("upstreams: [http://127.0.0.1:" + DemoServices.UPSTREAM_PORT + "]"), text);
        assertTrue(text.contains("jwksUri: http://127.0.0.1:" + DemoServices.ISSUER_PORT + DemoJwksIssuer.JWKS_PATH),
                text);
        assertTrue(text.contains("issuer: " + DemoIssuer.ISSUER), text);
        assertTrue(text.contains("{name: demo, quota: " + DemoGateway.REQUESTS_PER_WINDOW + ", window: "
                + DemoGateway.RATE_WINDOW.toSeconds() + "s, refill: interval}"), text);
    }
}
