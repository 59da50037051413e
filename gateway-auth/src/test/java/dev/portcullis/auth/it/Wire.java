package dev.portcullis.auth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.servlet.it.Http;
import dev.portcullis.servlet.it.RawHttp;
import dev.portcullis.servlet.it.RunningServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The client side of the auth integration tests: requests with extra headers, the echo upstream's report of what
 * it received, and the checks every auth rejection must pass on the wire.
 */
final class Wire {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Wire() {
    }

    /** @param headers name, value, name, value... @return the response to {@code method path} on the server */
    static HttpResponse<String> send(RunningServer server, String method, String path, String... headers)
            throws IOException, InterruptedException {
        return Http.send(request(server, method, path, headers).build());
    }

    /** @param headers name, value, name, value... @return the response to a GET of {@code path} */
    static HttpResponse<String> get(RunningServer server, String path, String... headers)
            throws IOException, InterruptedException {
        return send(server, "GET", path, headers);
    }

    /** @return a request builder for {@code method path} with the headers, body-less */
    static HttpRequest.Builder request(RunningServer server, String method, String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(20))
                .method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request;
    }

    /** @return {@code Bearer <token>} */
    static String bearer(String token) {
        return "Bearer " + token;
    }

    /**
     * What the echo upstream received: its request target and every value of one header.
     *
     * @param body the echo's body: the request line, then {@code name: value} lines, then an empty line
     */
    record Echo(String body) {
        /** @return the raw request target the upstream received */
        String target() {
            return body.substring(body.indexOf(' ') + 1, body.indexOf('\n'));
        }

        /** @return every value the upstream received for {@code name}, in order */
        List<String> header(String name) {
            List<String> values = new ArrayList<>();
            String prefix = name.toLowerCase(Locale.ROOT) + ": ";
            for (String line : body.substring(body.indexOf('\n') + 1).split("\n")) {
                if (line.isEmpty()) {
                    break;
                }
                if (line.startsWith(prefix)) {
                    values.add(line.substring(prefix.length()));
                }
            }
            return values;
        }
    }

    /** @return the upstream's report, after checking the response is the echo's 200 */
    static Echo echo(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        assertFalse(response.body().startsWith("app "), "reached the application, not the upstream");
        return new Echo(response.body());
    }

    /**
     * Checks an auth rejection: the status, {@code application/problem+json} of the type and status, and the
     * request id in the body equal to the {@code X-Request-Id} header.
     *
     * @return the {@code WWW-Authenticate} header, or "" when there is none
     */
    static String assertProblem(HttpResponse<String> response, int status, String type) {
        assertProblem(status, type, response.statusCode(), response.headers().firstValue("Content-Type").orElseThrow(),
                response.body(), response.headers().firstValue("X-Request-Id").orElseThrow());
        return response.headers().firstValue("WWW-Authenticate").orElse("");
    }

    /**
     * {@link #assertProblem(HttpResponse, int, String)} for a response read from a raw socket.
     *
     * @return every {@code WWW-Authenticate} header, in order
     */
    static List<String> assertProblem(RawHttp.Response response, int status, String type) {
        assertEquals(List.of("application/problem+json"), response.header("Content-Type"), response.text());
        assertEquals(1, response.header("X-Request-Id").size(), response.text());
        assertProblem(status, type, response.status(), response.header("Content-Type").get(0), response.text(),
                response.header("X-Request-Id").get(0));
        return response.header("WWW-Authenticate");
    }

    private static void assertProblem(int status, String type, int actualStatus, String contentType, String body,
            String requestId) {
        assertEquals(status, actualStatus, body);
        assertEquals("application/problem+json", contentType);
        JsonNode problem;
        try {
            problem = JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
        assertEquals(type, problem.path("type").asText());
        assertEquals(status, problem.path("status").asInt());
        assertFalse(requestId.isBlank());
        assertEquals(requestId, problem.path("requestId").asText());
    }
}
