package dev.portcullis.spring.boot.running;

import static dev.portcullis.test.ProblemAssert.assertThatProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.portcullis.api.ProblemTypes;
import dev.portcullis.micrometer.GatewayMetrics;
import dev.portcullis.test.Answer;
import dev.portcullis.test.RecordedRequest;
import dev.portcullis.test.RecordingUpstream;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The starter in a running Spring Boot application, through real sockets to a real upstream: the subclasses pick the
 * servlet container. The gateway file routes {@code /api/**} to the recording upstream through the guards (GET only)
 * and the application's {@code stamp} bean.
 */
abstract class RunningStarterTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @RegisterExtension
    static final RecordingUpstream UPSTREAM = RecordingUpstream.create();

    @TempDir
    static Path directory;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry registry;

    @DynamicPropertySource
    static void gatewayFile(DynamicPropertyRegistry properties) {
        properties.add("portcullis.config-file", () -> write(directory.resolve("gateway.yaml"),
                "pipeline: [routing, guards, stamp]\n"
                        + "routes: [{id: api, path: /api/**, upstreams: ['" + UPSTREAM.baseUri() + "']}]\n"
                        + "guards: {allowedMethods: [GET]}\n"));
        properties.add("management.endpoints.web.exposure.include", () -> "health,portcullis");
        properties.add("management.endpoint.health.show-details", () -> "always");
    }

    private static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(TIMEOUT)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRoutedRequestPassesTheFilesStagesAndTheApplicationsStageToTheUpstreamAndIsCounted() throws Exception {
        UPSTREAM.answer(Answer.of(200).header("Content-Type", "text/plain").body("order 7"));
        HttpResponse<String> response = send("GET", "/api/orders/7");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("order 7");
        RecordedRequest forwarded = UPSTREAM.awaitRequests(1, TIMEOUT).get(0);
        assertThat(forwarded.target()).isEqualTo("/api/orders/7");
        assertThat(forwarded.headers().first("X-Stamp")).contains("starter");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(registry.find(GatewayMetrics.REQUESTS)
                .tag("route", "api").timer()).isNotNull().extracting(timer -> timer.count()).isEqualTo(1L));
    }

    @Test
    void aRequestTheGuardsRefuseIsAnsweredWithProblemJsonAndNeverReachesTheUpstream() throws Exception {
        HttpResponse<String> response = send("DELETE", "/api/orders/7");
        assertThatProblem(response).hasStatus(405).hasType(ProblemTypes.METHOD_NOT_ALLOWED).hasRequestId()
                .doesNotContain("127.0.0.1");
        assertThat(UPSTREAM.requestCount()).isZero();
    }

    @Test
    void aRequestNoRouteMatchesReachesTheApplication() throws Exception {
        HttpResponse<String> response = send("GET", "/app/hello");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("hello from the application");
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
    }

    @Test
    void theActuatorShowsTheRoutesAndStagesAndTheHealthOfTheUpstreams() throws Exception {
        HttpResponse<String> endpoint = send("GET", "/actuator/portcullis");
        assertThat(endpoint.statusCode()).isEqualTo(200);
        assertThat(endpoint.body()).contains("\"pipeline\":[\"Routing\",\"RequestGuards\",\"Stamp\"]",
                "\"id\":\"api\"", "\"path\":\"/api/**\"", "\"uri\":\"" + UPSTREAM.baseUri() + "\"",
                "\"state\":\"configured\"");
        HttpResponse<String> health = send("GET", "/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"portcullis\":{\"details\":{\"api\":{\""
                + UPSTREAM.baseUri() + "\":\"configured\"}},\"status\":\"UP\"}");
    }
}
