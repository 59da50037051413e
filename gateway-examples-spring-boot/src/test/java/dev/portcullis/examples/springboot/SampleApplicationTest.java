package dev.portcullis.examples.springboot;

import static dev.portcullis.test.ProblemAssert.assertThatProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.api.ProblemTypes;
import dev.portcullis.config.GatewayConfig;
import dev.portcullis.config.InterceptorRegistry;
import dev.portcullis.examples.custom.TenantInterceptor;
import dev.portcullis.test.Answer;
import dev.portcullis.test.RecordedRequest;
import dev.portcullis.test.RecordingUpstream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sample application on a random port with its own application.properties and the shipped gateway file, whose orders
 * upstream is pointed at a recording upstream: the gateway answers before Spring Security, the application's own
 * endpoints stay behind it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleApplicationTest {
    private static final Path SHIPPED = Path.of("src/main/config/gateway.yaml");
    private static final String PASSWORD = "sample-test-password";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @RegisterExtension
    static final RecordingUpstream ORDERS = RecordingUpstream.create();

    @TempDir
    static Path directory;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    @LocalServerPort
    int port;

    @Autowired
    InterceptorRegistry stages;

    @DynamicPropertySource
    static void ordersUpstream(DynamicPropertyRegistry properties) {
        properties.add("portcullis.config-file", () -> {
            try {
                String shipped = Files.readString(SHIPPED);
                String here = shipped.replace("http://127.0.0.1:9001", ORDERS.baseUri());
                assertThat(here).isNotEqualTo(shipped);
                return Files.writeString(directory.resolve("gateway.yaml"), here);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        properties.add("ADMIN_PASSWORD", () -> PASSWORD);
    }

    private HttpResponse<String> send(String method, String path, boolean asAdmin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(TIMEOUT).method(method, HttpRequest.BodyPublishers.noBody()).header("X-Tenant", "acme");
        if (asAdmin) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theShippedGatewayFileIsValidWithTheApplicationsStages() {
        assertThat(GatewayConfig.loader().interceptors(stages).check(SHIPPED)).isEmpty();
    }

    @Test
    void anOrdersRequestIsProxiedByTheGatewayBeforeSpringSecurityAsksForCredentials() throws Exception {
        ORDERS.answer(Answer.of(200).header("Content-Type", "application/json").body("{\"id\":7}"));
        HttpResponse<String> response = send("GET", "/api/orders/7", false);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"id\":7}");
        RecordedRequest forwarded = ORDERS.awaitRequests(1, TIMEOUT).get(0);
        assertThat(forwarded.target()).isEqualTo("/api/orders/7");
        assertThat(forwarded.headers().first("X-Tenant")).contains("acme");
    }

    @Test
    void anOrdersRequestWithoutATenantIsRefusedByTheApplicationsStage() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/orders/7")).timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        assertThatProblem(response).hasStatus(400).hasType(TenantInterceptor.TENANT_REQUIRED).hasRequestId();
        assertThat(ORDERS.requestCount()).isZero();
    }

    @Test
    void anOrdersRequestTheGuardsRefuseIsAProblemDocument() throws Exception {
        assertThatProblem(send("DELETE", "/api/orders/7", false)).hasStatus(405)
                .hasType(ProblemTypes.METHOD_NOT_ALLOWED).hasRequestId();
        assertThat(ORDERS.requestCount()).isZero();
    }

    @Test
    void theApplicationsOwnEndpointsStayBehindSpringSecurity() throws Exception {
        assertThat(send("GET", "/app/hello", false).statusCode()).isEqualTo(401);
        HttpResponse<String> admin = send("GET", "/app/hello", true);
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(admin.body()).isEqualTo("hello admin");
    }

    @Test
    void theActuatorEndpointListsTheOrdersRouteToAnAdmin() throws Exception {
        assertThat(send("GET", "/actuator/portcullis", false).statusCode()).isEqualTo(401);
        HttpResponse<String> endpoint = send("GET", "/actuator/portcullis", true);
        assertThat(endpoint.statusCode()).isEqualTo(200);
        assertThat(endpoint.body()).contains("\"id\":\"orders\"", "\"path\":\"/api/orders/**\"",
                "\"pipeline\":[\"Routing\",\"RequestGuards\",\"TenantInterceptor\"]");
    }
}
