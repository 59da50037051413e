package dev.portcullis.test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.core.ProblemResponse;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.opentest4j.AssertionFailedError;

/**
 * Fluent checks of an {@code application/problem+json} answer (RFC 9457), from the wire
 * ({@link #assertThatProblem(HttpResponse)}) or from an {@link InterceptorRunner} run
 * ({@link #assertThatProblem(RunResult)}, rendered as the gateway would write it). Starting a check already asserts
 * that the answer is a problem: {@code Content-Type: application/problem+json} and a JSON object body. Each method
 * asserts one thing and returns this, so checks chain; a failure is an {@link AssertionFailedError} carrying the
 * expected and actual values (IDEs show the difference) and the whole answer.
 *
 * <pre>{@code
 * assertThatProblem(response)
 *     .hasStatus(401)
 *     .hasType(ProblemTypes.UNAUTHORIZED)
 *     .hasRequestId()
 *     .hasHeaderMatching("WWW-Authenticate", "Bearer error=\"invalid_token\".*")
 *     .doesNotContain("127.0.0.1");
 * }</pre>
 */
public final class ProblemAssert {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SHOWN_BODY_CHARS = 2000;
    /** Equal nodes, and numbers of equal value whatever their type (an int 5 and a long 5). */
    private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> a.equals(b)
            || a.isNumber() && b.isNumber() && a.decimalValue().compareTo(b.decimalValue()) == 0 ? 0 : 1;

    private final int status;
    private final Function<String, List<String>> headers;
    private final String body;
    private final JsonNode document;
    private String requestIdHeader = "X-Request-Id";

    private ProblemAssert(int status, Function<String, List<String>> headers, String body) {
        this.status = status;
        this.headers = headers;
        this.body = body;
        List<String> type = headers.apply("Content-Type");
        if (type.size() != 1 || !type.get(0).toLowerCase(Locale.ROOT).matches("application/problem\\+json\\s*(;.*)?")) {
            throw fail("expected Content-Type application/problem+json", "[application/problem+json]", type);
        }
        this.document = parse();
    }

    /**
     * @param response a response from the gateway, e.g. from {@link GatewayExtension#get}
     * @return the checks, once the response is known to be a problem
     */
    public static ProblemAssert assertThatProblem(HttpResponse<String> response) {
        Objects.requireNonNull(response, "response");
        return new ProblemAssert(response.statusCode(), name -> response.headers().allValues(name),
                response.body());
    }

    /**
     * @param result a run of interceptors
     * @return the checks of its problem, rendered as the gateway would write it
     * @throws AssertionError if the stages did not answer with a problem
     */
    public static ProblemAssert assertThatProblem(RunResult result) {
        ProblemResponse rendered = Objects.requireNonNull(result, "result").rendered();
        return new ProblemAssert(rendered.status(), name -> rendered.headers().all(name),
                new String(rendered.body(), StandardCharsets.UTF_8));
    }

    /** @param status the expected status, of the response and of the document's {@code status} @return this */
    public ProblemAssert hasStatus(int status) {
        check(this.status == status, "expected HTTP status " + status, status, this.status);
        return hasMember("status", status);
    }

    /** @param type the expected {@code type} URI, e.g. a constant of {@code ProblemTypes} @return this */
    public ProblemAssert hasType(String type) {
        return hasMember("type", type);
    }

    /** @param title the expected {@code title} @return this */
    public ProblemAssert hasTitle(String title) {
        return hasMember("title", title);
    }

    /** @param detail the expected {@code detail} @return this */
    public ProblemAssert hasDetail(String detail) {
        return hasMember("detail", detail);
    }

    /** @param text text the {@code detail} must contain @return this */
    public ProblemAssert hasDetailContaining(String text) {
        String detail = document.path("detail").asText("");
        check(detail.contains(text), "expected a detail containing \"" + text + '"', text, detail);
        return this;
    }

    /**
     * @param header the header the gateway writes the request id to, for {@link #hasRequestId()}; default
     *     {@code X-Request-Id}
     * @return this
     */
    public ProblemAssert usingRequestIdHeader(String header) {
        this.requestIdHeader = Objects.requireNonNull(header, "header");
        return this;
    }

    /**
     * Asserts that the answer carries one non-blank request id header and the document's {@code requestId} equals
     * it, as every problem the gateway makes does.
     *
     * @return this
     */
    public ProblemAssert hasRequestId() {
        List<String> ids = headers.apply(requestIdHeader);
        check(ids.size() == 1 && !ids.get(0).isBlank(), "expected one " + requestIdHeader + " header", "[<id>]", ids);
        return hasMember("requestId", ids.get(0));
    }

    /** @param id the expected request id, in the header and the document @return this */
    public ProblemAssert hasRequestId(String id) {
        hasRequestId();
        return hasMember("requestId", id);
    }

    /**
     * @param name a header name
     * @param value a value it must have (among its values)
     * @return this
     */
    public ProblemAssert hasHeader(String name, String value) {
        List<String> values = headers.apply(name);
        check(values.contains(value), "expected header " + name + ": " + value, value, values);
        return this;
    }

    /**
     * @param name a header name
     * @param regex a regular expression one of its values must match whole, e.g. {@code "[1-9][0-9]*"} for a
     *     positive {@code Retry-After}
     * @return this
     */
    public ProblemAssert hasHeaderMatching(String name, String regex) {
        Pattern pattern = Pattern.compile(regex);
        List<String> values = headers.apply(name);
        check(values.stream().anyMatch(value -> pattern.matcher(value).matches()),
                "expected header " + name + " matching " + regex, regex, values);
        return this;
    }

    /**
     * @param name a member of the document, standard or extension
     * @param expected its expected value: a string, number, boolean, or a list or map of those, compared as JSON
     * @return this
     */
    public ProblemAssert hasMember(String name, Object expected) {
        JsonNode want = JSON.valueToTree(expected);
        JsonNode actual = document.get(name);
        check(actual != null && want.equals(NUMBERS_BY_VALUE, actual), "expected member \"" + name + '"', want, actual == null ? "(absent)" : actual);
        return this;
    }

    /**
     * @param text text that must appear nowhere in the body, e.g. an upstream's address or a secret
     * @return this
     */
    public ProblemAssert doesNotContain(String text) {
        check(!body.contains(text), "expected a body without \"" + text + '"', "(no " + text + ')', body);
        return this;
    }

    /** @return the parsed document, for checks this class lacks (e.g. the entries of {@code violations}) */
    public JsonNode document() {
        return document;
    }

    private JsonNode parse() {
        try {
            JsonNode parsed = JSON.readTree(body);
            if (parsed != null && parsed.isObject()) {
                return parsed;
            }
        } catch (JsonProcessingException e) {
            // reported below
        }
        throw fail("expected a JSON object body", "{...}", body);
    }

    private void check(boolean holds, String expectation, Object expected, Object actual) {
        if (!holds) {
            throw fail(expectation, expected, actual);
        }
    }

    private AssertionFailedError fail(String expectation, Object expected, Object actual) {
        return new AssertionFailedError(expectation + ", but was " + actual + "\n  in the answer " + status + ' '
                + headers.apply("Content-Type") + ' ' + shown(), expected, actual);
    }

    private String shown() {
        return body.length() <= SHOWN_BODY_CHARS ? body : body.substring(0, SHOWN_BODY_CHARS) + "...";
    }
}
