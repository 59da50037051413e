package dev.portcullis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.config.testing.SettingsRecorder;
import dev.portcullis.core.accesslog.AccessLog;
import dev.portcullis.core.accesslog.AccessLogFormat;
import dev.portcullis.core.accesslog.AccessLogSampling;
import dev.portcullis.core.trace.TracePolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The access log, the trace context policy and per-route sampling map onto the DSL and reload sensibly. */
class ObservabilitySectionTest {
    private static final String[] FILE = {
        "pipeline: [routing]",
        "gateway:",
        "  accessLog: {format: json, sampleRate: 0.25, includeQuery: true, redactQueryParameters: [otp],",
        "              includeSubject: true, queueCapacity: 1024}",
        "  traceContext: {policy: trust, trustedCallers: [10.1.0.0/16], sampleRate: 0.5}",
        "routes:",
        "  - id: health",
        "    path: /health",
        "    upstreams: [http://10.0.0.5:8080]",
        "    accessLog: {enabled: false}",
        "  - id: search",
        "    upstreams: [http://10.0.0.6:8080]",
        "    accessLog: {sampleRate: 0.01}"};

    @TempDir
    Path directory;

    private ConfigFiles files() {
        return new ConfigFiles(directory);
    }

    @Test
    void theAccessLogAndTracePolicyOfTheFileAreTheOnesTheDslBuildsFromTheSameValues() {
        try (GatewayConfig config = files().load(FILE);
             AccessLog expected = AccessLog.builder().format(AccessLogFormat.json())
                     .sampling(AccessLogSampling.rate(0.25)).includeQuery(true).redactQueryParameters("otp")
                     .includeSubject(true).queueCapacity(1024).build()) {
            Map<String, String> recorded = config.applyTo(new SettingsRecorder()).recorded();
            assertEquals(expected.toString(), recorded.get("accessLog"));
            assertEquals(TracePolicy.trust("10.1.0.0/16").withSampleRate(0.5).toString(), recorded.get("traceContext"));
            Map<String, Route> routes = Routing.routes(config.pipeline()).stream()
                    .collect(Collectors.toMap(Route::id, route -> route));
            assertSame(AccessLogSampling.off(), routes.get("health").metadata().get(AccessLogSampling.ROUTE).orElseThrow());
            assertEquals(AccessLogSampling.rate(0.01).toString(),
                    routes.get("search").metadata().get(AccessLogSampling.ROUTE).orElseThrow().toString());
        }
    }

    @Test
    void aFileWithoutTheSectionsLeavesTheGatewaysDefaults() {
        try (GatewayConfig config = files().load("pipeline: [routing]", "gateway: {traceContext: off}",
                "routes: [{id: a, upstreams: [http://10.0.0.5:8080]}]")) {
            SettingsRecorder recorder = config.applyTo(new SettingsRecorder());
            assertNull(recorder.given("accessLog"));
            assertEquals(TracePolicy.off().toString(), recorder.recorded().get("traceContext"));
        }
    }

    @Test
    void aReloadWithTheSameAccessLogSettingsKeepsTheLogAndChangedSettingsBuildANewOne() {
        GatewayConfig.Loader loader = files().loader();
        GatewayConfig first = loader.load(files().write(FILE));
        GatewayConfig same = loader.load(files().write(FILE), first);
        String[] changed = FILE.clone();
        changed[2] = "  accessLog: {format: text, sampleRate: 0.25, includeQuery: true, redactQueryParameters: [otp],";
        GatewayConfig other = loader.load(files().write(changed), same);
        try {
            Object log = first.applyTo(new SettingsRecorder()).given("accessLog");
            assertSame(log, same.applyTo(new SettingsRecorder()).given("accessLog"));
            assertNotSame(log, other.applyTo(new SettingsRecorder()).given("accessLog"));
        } finally {
            other.close();
            same.close();
            first.close();
        }
    }

    @Test
    void wrongObservabilitySettingsPointAtTheirSetting() {
        assertEquals(List.of(
                "gateway.yaml:3:24: gateway.accessLog.enabled: the access log is off: its other settings would be "
                        + "ignored; remove them or the enabled: false",
                "gateway.yaml:4:51: gateway.traceContext.trustedCallers: only the trust policy has trusted callers"),
                files().problems(
                        "pipeline: [routing]",
                        "gateway:",
                        "  accessLog: {enabled: false, format: json}",
                        "  traceContext: {policy: restart, trustedCallers: [10.0.0.0/8]}",
                        "routes: [{id: a, upstreams: [http://10.0.0.5:8080]}]"));
        assertEquals(List.of("gateway.yaml:4:29: routes[0].accessLog.sampleRate: expected a number such as 0.25, "
                        + "found the string 'half'"),
                files().problems(
                        "pipeline: [routing]",
                        "routes:",
                        "  - id: a",
                        "    accessLog: {sampleRate: half}",
                        "    upstreams: [http://10.0.0.5:8080]"));
        assertEquals(List.of(
                "gateway.yaml:3:27: gateway.accessLog.sampleRate: rate: must be 0 to 1, was 1.5",
                "gateway.yaml:4:34: gateway.traceContext.trustedCallers: traceContext: trusted caller "),
                files().problems(
                        "pipeline: [routing]",
                        "gateway:",
                        "  accessLog: {sampleRate: 1.5}",
                        "  traceContext: {trustedCallers: [10.0.0.0/33], policy: trust}",
                        "routes: [{id: a, upstreams: [http://10.0.0.5:8080]}]").stream()
                        .map(problem -> problem.replaceAll("trusted caller .*", "trusted caller ")).toList());
    }
}
