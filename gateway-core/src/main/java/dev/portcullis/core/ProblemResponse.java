package dev.portcullis.core;

import dev.portcullis.api.HttpHeaders;
import dev.portcullis.api.Problem;
import dev.portcullis.core.internal.ProblemJson;

/**
 * A problem ready to be written by a container adapter: its status, every header to send (the caller's extras,
 * the request id, {@code Cache-Control: no-store}, {@code Content-Type: application/problem+json} and the
 * {@code Content-Length}) and the RFC 9457 document. Immutable.
 *
 * <pre>{@code
 * ProblemResponse answer = ProblemResponse.of(problem, HttpHeaders.empty(), "X-Request-Id", requestId);
 * answer.headers().forEach(servletResponse::addHeader);
 * }</pre>
 */
public final class ProblemResponse {
    /** The media type of every problem. */
    public static final String MEDIA_TYPE = "application/problem+json";

    private final int status;
    private final HttpHeaders headers;
    private final byte[] body;

    private ProblemResponse(int status, HttpHeaders headers, byte[] body) {
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    /**
     * @param problem the problem
     * @param extra headers to send besides the standard ones, e.g. {@code Retry-After} or {@code WWW-Authenticate}
     * @param requestIdHeader the header that carries the request id
     * @param requestId the request id, also placed in the document
     * @return the response
     */
    public static ProblemResponse of(Problem problem, HttpHeaders extra, String requestIdHeader, String requestId) {
        return of(problem, extra, requestIdHeader, requestId, null);
    }

    /** As {@link #of(Problem, HttpHeaders, String, String)}, with the exchange's trace id (or null) in the document. */
    static ProblemResponse of(Problem problem, HttpHeaders extra, String requestIdHeader, String requestId,
                              String traceId) {
        byte[] body = ProblemJson.render(problem, requestId, traceId);
        HttpHeaders headers = extra.toBuilder()
                .set(requestIdHeader, requestId)
                .set("Cache-Control", "no-store")
                .set("Content-Type", MEDIA_TYPE)
                .set("Content-Length", Integer.toString(body.length))
                .build();
        return new ProblemResponse(problem.status(), headers, body);
    }

    /** @return the status */
    public int status() {
        return status;
    }

    /** @return every header to send, in order */
    public HttpHeaders headers() {
        return headers;
    }

    /** @return the {@code application/problem+json} document (a copy: arrays are mutable) */
    public byte[] body() {
        return body.clone();
    }

    /**
     * @param name a header to add, e.g. {@code Connection}
     * @param value its value
     * @return this response with the header set
     */
    public ProblemResponse withHeader(String name, String value) {
        return new ProblemResponse(status, headers.toBuilder().set(name, value).build(), body);
    }

    @Override
    public String toString() {
        return "ProblemResponse[" + status + ']';
    }
}
