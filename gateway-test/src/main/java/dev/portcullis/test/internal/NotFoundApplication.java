package dev.portcullis.test.internal;

import dev.portcullis.api.HttpHeaders;
import dev.portcullis.api.Problem;
import dev.portcullis.core.ProblemResponse;
import dev.portcullis.core.RequestIds;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The application behind a test gateway unless the test mounts its own, as in the standalone launcher: a request no
 * route took gets a 404 {@code application/problem+json} of type {@link #TYPE}, rendered by the core's
 * {@link ProblemResponse} with the request id the gateway put on the response.
 *
 * <pre>{@code
 * HttpServlet application = new NotFoundApplication("X-Request-Id");
 * }</pre>
 */
public final class NotFoundApplication extends HttpServlet {
    /** The problem type of a request no route took. */
    public static final String TYPE = "https://portcullis.dev/problems/not-found";
    private static final long serialVersionUID = 1L;
    private static final Problem NOT_FOUND = Problem.builder(TYPE, 404, "Not Found")
            .detail("No route matches this path.").build();

    private final String requestIdHeader;

    /** @param requestIdHeader the header the gateway writes the request id to */
    public NotFoundApplication(String requestIdHeader) {
        this.requestIdHeader = requestIdHeader;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String id = response.getHeader(requestIdHeader);
        ProblemResponse answer = ProblemResponse.of(NOT_FOUND, HttpHeaders.empty(), requestIdHeader,
                id == null ? RequestIds.choose(null, false) : id);
        response.setStatus(answer.status());
        answer.headers().forEach(response::setHeader);
        response.getOutputStream().write(answer.body());
    }
}
