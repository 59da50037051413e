package dev.portcullis.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The launcher's application behind the gateway: every request that no route took gets a 404
 * {@code application/problem+json} of type {@link #TYPE}, carrying the request id the gateway put on the response.
 *
 * <pre>{@code
 * context.addServlet(new ServletHolder(new NotFoundServlet()), "/*");
 * }</pre>
 */
public final class NotFoundServlet extends HttpServlet {
    /** The problem type of an unrouted request. */
    public static final String TYPE = "https://portcullis.dev/problems/not-found";
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", TYPE);
        problem.put("title", "Not Found");
        problem.put("status", 404);
        problem.put("detail", "No route matches this path.");
        String requestId = response.getHeader("X-Request-Id");
        if (requestId != null) {
            problem.put("requestId", requestId);
        }
        byte[] body = JSON.writeValueAsBytes(problem);
        response.setStatus(404);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/problem+json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
