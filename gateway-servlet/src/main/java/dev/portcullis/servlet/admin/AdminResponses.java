package dev.portcullis.servlet.admin;

import dev.portcullis.api.HttpHeaders;
import dev.portcullis.api.Problem;
import dev.portcullis.core.ProblemResponse;
import dev.portcullis.core.RequestIds;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Writes the admin view's answers: never cached, never sniffed, problems as {@code application/problem+json}. */
final class AdminResponses {
    /** The header a problem's fresh request id goes in, as the gateway's own problems carry it. */
    static final String REQUEST_ID_HEADER = "X-Request-Id";

    private AdminResponses() {
    }

    /** Writes a problem with a fresh request id. */
    static void problem(HttpServletResponse response, Problem problem, HttpHeaders headers) throws IOException {
        write(response, ProblemResponse.of(problem, headers, REQUEST_ID_HEADER, RequestIds.choose(null, false)));
    }

    /** Writes a problem, replacing whatever the response holds. */
    static void write(HttpServletResponse response, ProblemResponse problem) throws IOException {
        response.reset();
        problem.headers().forEach((name, value) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                response.setHeader(name, value);
            }
        });
        send(response, problem.status(), ProblemResponse.MEDIA_TYPE, problem.body());
    }

    /** Writes a whole answer with {@code Cache-Control: no-store} and {@code X-Content-Type-Options: nosniff}. */
    static void send(HttpServletResponse response, int status, String contentType, byte[] body) throws IOException {
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentType(contentType);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
