package dev.portcullis.test;

import static dev.portcullis.test.ProblemAssert.assertThatProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.Interceptor;
import dev.portcullis.api.Problem;
import dev.portcullis.api.ProblemTypes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.opentest4j.AssertionFailedError;

/** Each check of a problem answer passes on the answer it describes and fails, saying what, on any other. */
class ProblemAssertTest {
    private static final RunResult LIMITED = InterceptorRunner.of(Interceptor.named("Limit",
            chain -> CompletableFuture.completedFuture(GatewayResponse.problem(
                    Problem.builder(ProblemTypes.RATE_LIMITED, 429, "Too Many Requests")
                            .detail("The rate limit 'tight' of 2 per 3600 s is used up.")
                            .extension("limits", List.of(Map.of("name", "tight", "remaining", 0))).build())
                    .toBuilder().header("Retry-After", "42").build())))
            .run(TestRequest.get("/x").id("req-42").build());

    @Test
    void aGatewayProblemPassesEveryCheckThatDescribesIt() {
        ProblemAssert problem = assertThatProblem(LIMITED)
                .hasStatus(429)
                .hasType(ProblemTypes.RATE_LIMITED)
                .hasTitle("Too Many Requests")
                .hasDetail("The rate limit 'tight' of 2 per 3600 s is used up.")
                .hasDetailContaining("'tight'")
                .hasRequestId()
                .hasRequestId("req-42")
                .hasHeader("Retry-After", "42")
                .hasHeader("Cache-Control", "no-store")
                .hasHeaderMatching("Retry-After", "[1-9][0-9]*")
                .hasMember("limits", List.of(Map.of("name", "tight", "remaining", 0L)))
                .doesNotContain("127.0.0.1");

        assertEquals("tight", problem.document().path("limits").path(0).path("name").asText());
    }

    @Test
    void everyCheckFailsWithTheExpectationAndTheAnswer() {
        ProblemAssert problem = assertThatProblem(LIMITED);

        assertFails("expected HTTP status 401, but was 429", () -> problem.hasStatus(401));
        assertFails("expected member \"type\", but was \"" + ProblemTypes.RATE_LIMITED + '"',
                () -> problem.hasType(ProblemTypes.UNAUTHORIZED));
        assertFails("expected member \"title\"", () -> problem.hasTitle("Unauthorized"));
        assertFails("expected member \"detail\"", () -> problem.hasDetail("Nope."));
        assertFails("expected a detail containing \"'loose'\"", () -> problem.hasDetailContaining("'loose'"));
        assertFails("expected member \"requestId\"", () -> problem.hasRequestId("req-43"));
        assertFails("expected header Retry-After: 7, but was [42]", () -> problem.hasHeader("Retry-After", "7"));
        assertFails("expected header WWW-Authenticate matching Bearer.*, but was []",
                () -> problem.hasHeaderMatching("WWW-Authenticate", "Bearer.*"));
        assertFails("expected member \"violations\", but was (absent)", () -> problem.hasMember("violations", 1));
        assertFails("expected a body without \"tight\"", () -> problem.doesNotContain("tight"));
        assertFails("expected one X-Correlation-Id header, but was []",
                () -> problem.usingRequestIdHeader("X-Correlation-Id").hasRequestId());
    }

    private static void assertFails(String start, Executable check) {
        AssertionFailedError error = assertThrows(AssertionFailedError.class, check);
        assertTrue(error.getMessage().startsWith(start), error.getMessage());
        assertTrue(error.getMessage().contains("\n  in the answer 429 [application/problem+json] {\"type\""),
                error.getMessage());
        assertTrue(error.isExpectedDefined() && error.isActualDefined(), "expected and actual for the IDE");
    }

    @Test
    void aRequestIdInTheDocumentThatDiffersFromTheHeaderFails() {
        HttpResponse<String> response = new Response(401, Map.of("Content-Type", List.of("application/problem+json"),
                "X-Request-Id", List.of("abc")), "{\"type\":\"t\",\"status\":401,\"requestId\":\"abd\"}");

        AssertionFailedError error = assertThrows(AssertionFailedError.class,
                () -> assertThatProblem(response).hasStatus(401).hasRequestId());

        assertTrue(error.getMessage().startsWith("expected member \"requestId\", but was \"abd\""),
                error.getMessage());
    }

    @Test
    void anAnswerThatIsNoProblemFailsAtOnce() {
        HttpResponse<String> html = new Response(404, Map.of("Content-Type", List.of("text/html")), "<h1>404</h1>");
        HttpResponse<String> broken = new Response(500, Map.of("Content-Type", List.of("application/problem+json")),
                "Internal Server Error");

        AssertionFailedError notJson = assertThrows(AssertionFailedError.class, () -> assertThatProblem(broken));
        AssertionFailedError notAProblem = assertThrows(AssertionFailedError.class, () -> assertThatProblem(html));

        assertTrue(notAProblem.getMessage().startsWith(
                "expected Content-Type application/problem+json, but was [text/html]"), notAProblem.getMessage());
        assertTrue(notJson.getMessage().startsWith("expected a JSON object body, but was Internal Server Error"),
                notJson.getMessage());
    }

    @Test
    void aMediaTypeWithParametersIsStillAProblem() {
        HttpResponse<String> response = new Response(400, Map.of("Content-Type",
                List.of("application/problem+json; charset=utf-8")), "{\"status\":400}");

        assertThatProblem(response).hasStatus(400);
    }

    /** A response from the wire, without a network. */
    private record Response(int statusCode, Map<String, List<String>> headerMap, String body)
            implements HttpResponse<String> {
        @Override
        public HttpRequest request() {
            return HttpRequest.newBuilder(URI.create("http://127.0.0.1/")).build();
        }

        @Override
        public Optional<HttpResponse<String>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public HttpHeaders headers() {
            return HttpHeaders.of(headerMap, (name, value) -> true);
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public URI uri() {
            return request().uri();
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
