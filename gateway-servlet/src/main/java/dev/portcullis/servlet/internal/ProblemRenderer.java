package dev.portcullis.servlet.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.api.HttpHeaders;
import dev.portcullis.api.Problem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one place that turns a {@link Problem} into an {@code application/problem+json} (RFC 9457) response with the
 * request id and {@code Cache-Control: no-store}. Thread-safe.
 *
 * <p>A problem that answers a request whose body the gateway has not read to its end carries
 * {@code Connection: close}: the response is committed here, before the container could add that header itself,
 * and the container then closes the connection rather than read the rest of a body nobody wants, so the client
 * must learn from the response that the connection ends with it.
 */
public final class ProblemRenderer {
    /** The media type of every problem. */
    public static final String MEDIA_TYPE = "application/problem+json";
    /**
     * The request attribute the gateway sets once it opened the request body. Until then the renderer never opens
     * it: opening it would make the container send {@code 100 Continue} for a body the gateway refuses.
     */
    static final String BODY_OPENED = ProblemRenderer.class.getName() + ".bodyOpened";
    private final ObjectMapper json = new ObjectMapper();
    private final String requestIdHeader;

    /** @param requestIdHeader the header that carries the request id, set again after the response is reset */
    public ProblemRenderer(String requestIdHeader) {
        this.requestIdHeader = requestIdHeader;
    }

    /**
     * @param problem the problem
     * @param requestId the request id
     * @return the JSON document
     */
    public byte[] toJson(Problem problem, String requestId) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("type", problem.type());
        document.put("title", problem.title());
        document.put("status", problem.status());
        problem.detail().ifPresent(detail -> document.put("detail", detail));
        document.put("requestId", requestId);
        document.putAll(problem.extensions());
        try {
            return json.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Replaces whatever the response holds with the problem and commits it. The caller checks that it is not
     * committed.
     *
     * @param request the servlet request the problem answers
     * @param response the servlet response
     * @param problem the problem
     * @param headers further headers to send, e.g. {@code Retry-After} or {@code WWW-Authenticate}
     * @param requestId the request id
     * @throws IOException if writing fails
     */
    public void write(HttpServletRequest request, HttpServletResponse response, Problem problem, HttpHeaders headers,
            String requestId) throws IOException {
        byte[] body = toJson(problem, requestId);
        response.reset();
        response.setStatus(problem.status());
        headers.forEach(response::addHeader);
        response.setHeader(requestIdHeader, requestId);
        response.setHeader("Cache-Control", "no-store");
        if (bodyUnread(request)) {
            response.setHeader("Connection", "close");
        }
        response.setContentType(MEDIA_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    /**
     * @param request the servlet request
     * @return whether the request has a body (or may have one) that has not been read to its end
     */
    static boolean bodyUnread(HttpServletRequest request) {
        if (RequestAdapter.declaredLength(request) == 0) {
            return false;
        }
        if (request.getAttribute(BODY_OPENED) == null) {
            return true;
        }
        try {
            return !request.getInputStream().isFinished();
        } catch (IllegalStateException | IOException unreadable) {
            return true;
        }
    }
}
