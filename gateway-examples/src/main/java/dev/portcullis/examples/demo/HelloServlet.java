package dev.portcullis.examples.demo;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;

/**
 * The application's own servlet in the examples, mapped to {@code /hello}: the gateway passes it every request no
 * route matched, after the pipeline's stages. It answers {@code hello from the app} and the principal the gateway
 * established ({@code request.getUserPrincipal()}), or {@code anonymous}.
 *
 * <pre>{@code
 * $ curl http://127.0.0.1:8080/hello
 * hello from the app
 * principal: anonymous
 * }</pre>
 */
public final class HelloServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Principal principal = request.getUserPrincipal();
        response.setContentType("text/plain; charset=utf-8");
        response.getWriter()
                .append("hello from the app\n")
                .append("principal: ").append(principal == null ? "anonymous" : principal.getName()).append('\n');
    }
}
