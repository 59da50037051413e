package dev.portcullis.servlet.container;

import dev.portcullis.api.HttpHeaders;
import dev.portcullis.api.Problem;
import dev.portcullis.api.ProblemTypes;
import dev.portcullis.core.ProblemResponse;
import dev.portcullis.core.RequestIds;

/**
 * The problem document for a status the container chose itself. Only the status decides the document: nothing of
 * the request or of the container's exception reaches it. Thread-safe.
 */
final class ContainerProblems {
    /** The header that carries the fresh request id of a container-level refusal. */
    static final String REQUEST_ID_HEADER = "X-Request-Id";

    private ContainerProblems() {
    }

    /** A fresh request id for a refusal that never reached the gateway. */
    static String requestId() {
        return RequestIds.choose(null, false);
    }

    /**
     * @param status the status the container chose; anything below 400 is treated as 500
     * @param requestId the request id placed in the document
     * @return the problem+json document
     */
    static byte[] json(int status, String requestId) {
        return ProblemResponse.of(problem(status < 400 || status > 599 ? 500 : status), HttpHeaders.empty(),
                REQUEST_ID_HEADER, requestId).body();
    }

    private static Problem problem(int status) {
        switch (status) {
            case 414:
                return Problem.builder(ProblemTypes.URI_TOO_LONG, 414, "URI Too Long")
                        .detail("The request target is longer than the server accepts.").build();
            case 431:
                return Problem.builder(ProblemTypes.HEADERS_TOO_LARGE, 431, "Request Header Fields Too Large")
                        .detail("The request headers are larger than the server accepts.").build();
            case 505:
                return Problem.builder(ProblemTypes.BAD_REQUEST, 505, "HTTP Version Not Supported")
                        .detail("The server speaks HTTP/1.0 and HTTP/1.1 on this connection.").build();
            default:
                if (status >= 500) {
                    return Problem.builder(ProblemTypes.INTERNAL_ERROR, status, "Internal Server Error")
                            .detail("The server could not answer this request.").build();
                }
                return Problem.builder(ProblemTypes.BAD_REQUEST, status, "Bad Request")
                        .detail("The server could not parse this request.").build();
        }
    }
}
