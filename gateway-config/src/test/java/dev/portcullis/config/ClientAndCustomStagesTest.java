package dev.portcullis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.Interceptor;
import dev.portcullis.client.jetty.JettyUpstreamClient;
import dev.portcullis.config.testing.Decisions;
import dev.portcullis.config.testing.Requests;
import dev.portcullis.core.Gateway;
import dev.portcullis.core.client.JdkUpstreamClient;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client section chooses the upstream client; custom stages come from the application's registry. */
class ClientAndCustomStagesTest {
    @TempDir
    Path directory;

    private GatewayConfig.Loader loader(InterceptorRegistry registry) {
        return new ConfigFiles(directory).loader().interceptors(registry);
    }

    private static Interceptor stamp(String value) {
        return Interceptor.named("Stamp", chain -> chain.proceed(chain.request().toBuilder()
                .headers(chain.request().headers().toBuilder().set("X-Stamp", value).build()).build()));
    }

    @Test
    void aJettyClientSectionMakesTheFilesClientWhichTheConfigurationCloses() {
        Path file = new ConfigFiles(directory).write(
                "pipeline: [routing]",
                "client: {type: jetty, maxConnectionsPerDestination: 8, idleTimeout: 30s}",
                "routes: [{id: api, upstreams: ['http://127.0.0.1:9']}]");
        GatewayConfig config = loader(InterceptorRegistry.empty()).load(file);
        try (Gateway gateway = config.applyTo(Gateway.builder()).build()) {
            assertTrue(gateway.upstreamClient() instanceof JettyUpstreamClient, gateway.upstreamClient().toString());
        }
        config.close();
    }

    @Test
    void aJdkClientTakesNoPoolSettings() {
        assertEquals(List.of("gateway.yaml:2:33: client.maxThreads: 'maxThreads' is a setting of the jetty client; "
                        + "the jdk client has none"),
                new ConfigFiles(directory).problems(
                        "pipeline: [routing]",
                        "client: {type: jdk, maxThreads: 8}",
                        "routes: [{id: api, upstreams: ['http://127.0.0.1:9']}]"));
    }

    @Test
    void withoutAClientSectionTheGatewayKeepsItsOwnClient() {
        JdkUpstreamClient own = JdkUpstreamClient.create();
        GatewayConfig config = new ConfigFiles(directory).load("pipeline: [routing]",
                "routes: [{id: api, upstreams: ['http://127.0.0.1:9']}]");
        try (Gateway gateway = config.applyTo(Gateway.builder().upstreamClient(own)).build()) {
            assertSame(own, gateway.upstreamClient());
        }
    }

    @Test
    void aCustomStageIsMadeFromItsSettingsAndRunsWhereThePipelineNamesIt() {
        InterceptorRegistry registry = InterceptorRegistry.builder()
                .addFactory("stamp", settings -> stamp(String.valueOf(settings.get("value"))))
                .build();
        Path file = new ConfigFiles(directory).write(
                "pipeline: [routing, stamp]",
                "routes: [{id: api, upstreams: ['http://127.0.0.1:9']}]",
                "interceptors: {stamp: {value: from-the-file}}");
        GatewayConfig config = loader(registry).load(file);
        assertEquals("Routing -> Stamp", config.describe());
        assertEquals(List.of("from-the-file"), Decisions.run(config.pipeline(), Requests.of("GET", "/x").build("r1"))
                .upstreamHeaders().get("x-stamp"));
    }

    @Test
    void aCustomStageThatRefusesItsSettingsPointsAtThem() {
        InterceptorRegistry registry = InterceptorRegistry.builder().add("stamp", stamp("fixed")).build();
        Path file = new ConfigFiles(directory).write(
                "pipeline: [stamp]",
                "interceptors:",
                "  stamp: {value: x}");
        assertEquals(List.of(new ConfigProblem(file.toString(), 3, 3, "interceptors.stamp",
                "the stage 'stamp' takes no settings")), loader(registry).check(file));
    }

    @Test
    void settingsForAStageNobodyRegisteredAreAProblem() {
        InterceptorRegistry registry = InterceptorRegistry.builder().add("stamp", stamp("fixed")).build();
        Path file = new ConfigFiles(directory).write(
                "pipeline: [stamp]",
                "interceptors: {stmap: {value: x}}");
        assertEquals(List.of(new ConfigProblem(file.toString(), 2, 16, "interceptors.stmap",
                "no custom interceptor is registered as 'stmap'; did you mean 'stamp'?")), loader(registry).check(file));
    }

    @Test
    void twoStagesOfOneNameInTheRegistryAreRefused() {
        InterceptorRegistry.Builder registry = InterceptorRegistry.builder().add("stamp", stamp("a"));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> registry.add("stamp", stamp("b")));
        assertEquals("the custom stage 'stamp' is registered twice", refused.getMessage());
    }
}
