package dev.portcullis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.portcullis.config.testing.SettingsRecorder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gateway.drainTimeout} maps onto the gateway's drain deadline and is checked where it is written. */
class DrainTimeoutSettingTest {
    @TempDir
    Path directory;

    @Test
    void theFilesDrainTimeoutIsTheGatewaysDrainDeadline() {
        try (GatewayConfig config = new ConfigFiles(directory).load("pipeline: [routing]",
                "gateway: {drainTimeout: 5s}", "routes: [{id: a, upstreams: [http://10.0.0.5:8080]}]")) {
            assertEquals(Duration.ofSeconds(5), config.applyTo(new SettingsRecorder()).given("drainTimeout"));
        }
    }

    @Test
    void withoutTheSettingTheGatewayKeepsItsDefaultDeadline() {
        try (GatewayConfig config = new ConfigFiles(directory).load("pipeline: [routing]",
                "routes: [{id: a, upstreams: [http://10.0.0.5:8080]}]")) {
            assertNull(config.applyTo(new SettingsRecorder()).given("drainTimeout"));
        }
    }

    @Test
    void aNegativeDrainTimeoutFailsTheLoadAtItsSetting() {
        assertEquals(List.of("gateway.yaml:2:25: gateway.drainTimeout: expected a duration such as 250ms, 10s, 1m, "
                + "2h or 1d, found '-1s'"), new ConfigFiles(directory).problems("pipeline: [routing]",
                "gateway: {drainTimeout: -1s}", "routes: [{id: a, upstreams: [http://10.0.0.5:8080]}]"));
    }
}
