package dev.portcullis.servlet.internal;

import dev.portcullis.api.Problem;
import dev.portcullis.api.ProblemTypes;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Refuses request framing the gateway would forward differently from how the container read it, before any body
 * byte is read: a {@code Transfer-Encoding} on an HTTP/1.0 request (RFC 9112 §6.1: the framing is faulty, 400) and
 * any transfer coding other than exactly {@code chunked} ({@code gzip, chunked} included, 501). Either answer closes
 * the connection, since the body that follows cannot be delimited safely. Thread-safe.
 */
public final class FramingGuard {
    private static final Problem HTTP10_CODING = Problem.builder(ProblemTypes.BAD_REQUEST, 400, "Bad Request")
            .detail("An HTTP/1.0 request cannot carry Transfer-Encoding.").build();
    private static final Problem UNSUPPORTED = Problem.builder(ProblemTypes.UNSUPPORTED_TRANSFER_CODING, 501,
            "Not Implemented").detail("The only transfer coding accepted is chunked.").build();

    private FramingGuard() {
    }

    /**
     * @param request the servlet request
     * @return the problem to answer with, after which the connection is closed; empty when the framing is sound
     */
    public static Optional<Problem> check(HttpServletRequest request) {
        List<String> codings = Collections.list(request.getHeaders("Transfer-Encoding"));
        if (codings.isEmpty()) {
            return Optional.empty();
        }
        if ("HTTP/1.0".equals(request.getProtocol())) {
            return Optional.of(HTTP10_CODING);
        }
        if (codings.size() != 1 || !codings.get(0).trim().equalsIgnoreCase("chunked")) {
            return Optional.of(UNSUPPORTED);
        }
        return Optional.empty();
    }
}
