package dev.portcullis.servlet.it;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The "application" behind the filter in tests: answers 200 {@code text/plain} with {@code app <method> <raw URI>},
 * the user principal's name ({@code user=<name>} or {@code user=-}) and the request body it read.
 */
public class AppServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] body = request.getInputStream().readAllBytes();
        String principal = request.getUserPrincipal() == null ? "-" : request.getUserPrincipal().getName();
        String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
        response.setContentType("text/plain;charset=utf-8");
        response.getOutputStream().write(("app " + request.getMethod() + ' ' + request.getRequestURI() + query
                + "\nuser=" + principal + "\n").getBytes(StandardCharsets.UTF_8));
        response.getOutputStream().write(body);
    }
}
