package dev.portcullis.servlet.internal;

import dev.portcullis.core.ProblemResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Writes a {@link ProblemResponse} onto a servlet response, replacing whatever it holds, and commits it. Stateless.
 *
 * <p>A problem that answers a request whose body the gateway has not read to its end carries
 * {@code Connection: close}: the response is committed here, before the container could add that header itself,
 * and the container then closes the connection rather than read the rest of a body nobody wants, so the client
 * must learn from the response that the connection ends with it.
 */
final class ProblemWriter {
    /**
     * The request attribute the gateway sets once it opened the request body. Until then the writer never opens it:
     * opening it would make the container send {@code 100 Continue} for a body the gateway refuses.
     */
    static final String BODY_OPENED = ProblemWriter.class.getName() + ".bodyOpened";

    private ProblemWriter() {
    }

    /**
     * @param request the servlet request the problem answers
     * @param response the servlet response, not committed
     * @param problem the problem
     * @param declaredLength the request body's declared length (0: none, -1: unknown)
     * @return the number of body bytes written
     * @throws IOException if writing fails
     */
    static int write(HttpServletRequest request, HttpServletResponse response, ProblemResponse problem,
                     long declaredLength) throws IOException {
        byte[] body = problem.body();
        response.reset();
        response.setStatus(problem.status());
        problem.headers().forEach((name, value) -> {
            if (name.equalsIgnoreCase("Content-Type")) {
                response.setContentType(value);
            } else if (name.equalsIgnoreCase("Content-Length")) {
                response.setContentLength(body.length);
            } else {
                response.addHeader(name, value);
            }
        });
        if (bodyUnread(request, declaredLength)) {
            response.setHeader("Connection", "close");
        }
        response.getOutputStream().write(body);
        response.flushBuffer();
        return body.length;
    }

    /** @return whether the request has a body (or may have one) that has not been read to its end */
    private static boolean bodyUnread(HttpServletRequest request, long declaredLength) {
        if (declaredLength == 0) {
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
