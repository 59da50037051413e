package dev.portcullis.servlet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portcullis.api.Interceptor;
import dev.portcullis.api.QueryParameters;
import dev.portcullis.api.routing.Route;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The application behind the filter sees the query as the pipeline left it, not as the client sent it. */
class ApplicationQueryTest {
    private static final String CONTAINERS = "dev.portcullis.servlet.it.ServletContainer#all";
    private static final Interceptor REMOVE_SECRET = chain -> chain.proceed(chain.request().toBuilder()
            .rawQuery(chain.request().rawQuery().map(q -> QueryParameters.without(q, "secret")).orElse(null)).build());

    /** Answers with what the servlet API shows of the query and parameters. */
    private static final class ParameterServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String text = "query=" + request.getQueryString() + "\nsecret=" + request.getParameter("secret")
                    + "\nkeep=" + String.join(",", request.getParameterValues("keep"))
                    + "\nform=" + request.getParameter("form")
                    + "\nnames=" + String.join(",", java.util.Collections.list(request.getParameterNames()))
                    + "\nmap=" + request.getParameterMap().containsKey("secret");
            response.setContentType("text/plain;charset=utf-8");
            response.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static RunningServer start(ServletContainer container) throws Exception {
        return container.start(Gateways.builder(List.of(REMOVE_SECRET),
                Route.builder("api").path("/api/**").upstream("http://127.0.0.1:9").build()).build(),
                new ParameterServlet());
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void aQueryParameterAStageRemovedIsInvisibleToTheApplication(ServletContainer container) throws Exception {
        try (RunningServer server = start(container)) {
            HttpResponse<String> response = Http.get(server.uri("/app?keep=1&secret=s3cr3t&keep=2"));
            assertEquals("query=keep=1&keep=2\nsecret=null\nkeep=1,2\nform=null\nnames=keep\nmap=false",
                    response.body());
        }
    }

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void formBodyParametersStayVisibleWhenTheQueryChanged(ServletContainer container) throws Exception {
        try (RunningServer server = start(container)) {
            URI uri = server.uri("/app?secret=s3cr3t&keep=1");
            HttpResponse<String> response = Http.send(HttpRequest.newBuilder(uri)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("keep=2&form=yes")).build());
            assertEquals("query=keep=1\nsecret=null\nkeep=1,2\nform=yes\nnames=keep,form\nmap=false",
                    response.body());
        }
    }
}
