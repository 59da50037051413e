package dev.portcullis.servlet.it.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.servlet.it.RawHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * Asserts that a response is a gateway rejection: the status, {@code application/problem+json}, the stable
 * {@code type}, {@code status} in the body and the request id of the {@code X-Request-Id} response header.
 *
 * <pre>{@code
 * JsonNode problem = Problems.assertProblem(response, 413, ProblemTypes.PAYLOAD_TOO_LARGE);
 * }</pre>
 */
public final class Problems {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Problems() {
    }

    /** @return the parsed problem document, for further checks */
    public static JsonNode assertProblem(HttpResponse<String> response, int status, String type) {
        return check(response.statusCode(), response.headers().allValues("Content-Type"),
                response.headers().allValues("X-Request-Id"), response.body(), status, type);
    }

    /** @return the parsed problem document, for further checks */
    public static JsonNode assertProblem(RawHttp.Response response, int status, String type) {
        return check(response.status(), response.header("Content-Type"), response.header("X-Request-Id"),
                response.text(), status, type);
    }

    private static JsonNode check(int actualStatus, List<String> contentType, List<String> requestId, String body,
                                  int status, String type) {
        assertEquals(status, actualStatus, body);
        assertEquals(List.of("application/problem+json"), contentType, body);
        assertEquals(1, requestId.size(), "exactly one X-Request-Id: " + requestId);
        assertFalse(requestId.get(0).isBlank());
        JsonNode problem;
        try {
            problem = JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
        assertEquals(type, problem.path("type").asText(), body);
        assertEquals(status, problem.path("status").asInt(), body);
        assertEquals(requestId.get(0), problem.path("requestId").asText(), body);
        return problem;
    }
}
