package dev.portcullis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.portcullis.api.Pipeline;
import dev.portcullis.core.Gateway;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.Yaml;

/**
 * gateway-config runs with none of the feature modules on the class path: a file that uses none loads, and a file
 * with a feature section names the artifact to add instead of failing with a {@code NoClassDefFoundError}. The
 * loader runs in a class loader holding only gateway-config, gateway-core, gateway-api, Jackson, SnakeYAML and SLF4J.
 */
class FeatureIsolationTest {
    @TempDir
    Path directory;

    private URLClassLoader withoutFeatures;

    @BeforeEach
    void classPathWithoutFeatureModules() {
        URL[] urls = Stream.of(GatewayConfig.class, Gateway.class, Pipeline.class, ObjectMapper.class,
                        JsonParser.class, JsonAutoDetect.class, YAMLFactory.class, Yaml.class, LoggerFactory.class)
                .map(type -> type.getProtectionDomain().getCodeSource().getLocation())
                .distinct().toArray(URL[]::new);
        withoutFeatures = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
    }

    @AfterEach
    void close() throws Exception {
        withoutFeatures.close();
    }

    /** @return the pipeline's description, or the message of the ConfigException the load threw */
    private String load(String... lines) throws Exception {
        Path file = new ConfigFiles(directory).write(lines);
        Class<?> config = withoutFeatures.loadClass(GatewayConfig.class.getName());
        Object loader = config.getMethod("loader").invoke(null);
        Method load = loader.getClass().getMethod("load", Path.class);
        try {
            Object loaded = load.invoke(loader, file);
            return (String) config.getMethod("describe").invoke(loaded);
        } catch (InvocationTargetException e) {
            assertEquals(ConfigException.class.getName(), e.getCause().getClass().getName(), e.getCause().toString());
            return e.getCause().getMessage();
        }
    }

    @Test
    void theFeatureModulesAreReallyAbsent() {
        assertThrows(ClassNotFoundException.class,
                () -> withoutFeatures.loadClass("dev.portcullis.auth.jwt.JwtAuthenticator"));
    }

    @Test
    void aFileWithoutFeatureSectionsLoads() throws Exception {
        assertEquals("Routing -> RequestGuards -> Authentication -> Authorization", load(
                "pipeline: [routing, guards, authentication, authorization]",
                "routes: [{id: api, upstreams: ['http://127.0.0.1:9'], access: anonymous}]",
                "authentication: {defaults: []}"));
    }

    static Stream<Arguments> featureSections() {
        return Stream.of(
                Arguments.of("dev.portcullis:gateway-auth", "authenticators",
                        new String[] {"pipeline: [authentication]", "authentication: {defaults: [k]}",
                            "authenticators: {k: {apiKeys: {keys: [{sha256: " + "a".repeat(64) + ", name: n}]}}}"}),
                Arguments.of("dev.portcullis:gateway-ratelimit", "rateLimiting",
                        new String[] {"pipeline: [limit]", "rateLimiting: {limiters: {limit: {}}}"}),
                Arguments.of("dev.portcullis:gateway-jsonschema", "pipeline[0]",
                        new String[] {"pipeline: [validation]"}),
                Arguments.of("dev.portcullis:gateway-jetty-client", "client.type",
                        new String[] {"pipeline: [guards]", "client: {type: jetty}"}));
    }

    @ParameterizedTest
    @MethodSource("featureSections")
    void aFeatureSectionWithoutItsModuleNamesTheArtifactToAdd(String artifact, String setting, String[] file)
            throws Exception {
        String message = load(file);
        assertTrue(message.contains(setting + ": '" + setting + "' needs " + artifact + " on the class path"),
                message);
    }
}
