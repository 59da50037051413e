package dev.portcullis.examples.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.config.GatewayConfig;
import dev.portcullis.config.InterceptorRegistry;
import dev.portcullis.servlet.GatewayFilter;
import dev.portcullis.servlet.it.AppServlet;
import dev.portcullis.servlet.it.Http;
import dev.portcullis.servlet.it.RunningServer;
import dev.portcullis.servlet.it.ServletContainer;
import dev.portcullis.servlet.it.TestUpstream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The full example file, its upstream addresses pointed at two test upstreams, runs in the real GatewayFilter inside
 * embedded Jetty 12 and Tomcat 11 over real sockets: routed, rewritten, authenticated, validated and refused as the
 * file says.
 */
class FullExampleInContainersTest {
    @TempDir
    static Path directory;

    private static TestUpstream upstream;
    private static TestUpstream second;
    private static GatewayConfig config;
    private static String token;

    @BeforeAll
    static void loadTheFullExample() throws IOException {
        upstream = TestUpstream.start(TestUpstream.echo());
        second = TestUpstream.start(TestUpstream.echo());
        copy(ConfigTwinsTest.EXAMPLES, directory);
        Path file = directory.resolve("full.yaml");
        Files.writeString(file, Files.readString(file).replace("http://127.0.0.1:9002", second.baseUri())
                .replaceAll("http://127\\.0\\.0\\.1:900[134]", upstream.baseUri()));
        config = GatewayConfig.loader()
                .interceptors(InterceptorRegistry.builder().discover(FullExampleInContainersTest.class
                        .getClassLoader()).build())
                .load(file);
        token = ExampleTokens.shop("alice", Map.of("scope", "orders:read", "tenant", "acme"));
    }

    @AfterAll
    static void closeEverything() {
        config.close();
        upstream.close();
        second.close();
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    private static HttpResponse<String> send(RunningServer server, String method, String path, String body,
            String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return Http.send(request.build());
    }

    @ParameterizedTest
    @MethodSource("dev.portcullis.servlet.it.ServletContainer#all")
    void theFullExampleServesAndRefusesAsItsFileSays(ServletContainer container) throws Exception {
        try (RunningServer server = container.start(config.applyTo(GatewayFilter.builder()).build(),
                new AppServlet())) {
            HttpResponse<String> order = send(server, "GET", "/api/orders/7?debug=1", null,
                    "Authorization", "Bearer " + token, "X-Tenant", "acme");
            assertEquals(200, order.statusCode(), order.body());
            assertTrue(order.body().startsWith("GET /v2/orders/7\n"), order.body());
            assertTrue(order.body().contains("x-user-id: alice\n"), order.body());
            assertEquals("nosniff", order.headers().firstValue("X-Content-Type-Options").orElseThrow());

            HttpResponse<String> invalid = send(server, "POST", "/api/orders", "{\"sku\": \"AB-1\", \"quantity\": 0}",
                    "Authorization", "Bearer " + token, "X-Tenant", "acme", "Content-Type", "application/json");
            assertEquals(422, invalid.statusCode(), invalid.body());
            assertEquals("application/problem+json", invalid.headers().firstValue("Content-Type").orElseThrow());

            HttpResponse<String> legacy = send(server, "GET", "/old/a/b", null, "X-Tenant", "acme");
            assertEquals(200, legacy.statusCode(), legacy.body());
            assertTrue(legacy.body().startsWith("GET /v1/a/b\n"), legacy.body());

            HttpResponse<String> anonymous = send(server, "GET", "/elsewhere", null);
            assertEquals(401, anonymous.statusCode(), anonymous.body());
            assertEquals("application/problem+json", anonymous.headers().firstValue("Content-Type").orElseThrow());
        }
    }
}
