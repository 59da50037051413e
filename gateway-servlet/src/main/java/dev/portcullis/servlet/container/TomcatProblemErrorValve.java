package dev.portcullis.servlet.container;

import dev.portcullis.core.ProblemResponse;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * A Tomcat 11 {@link ErrorReportValve} that answers every error page Tomcat would render itself (bad request line,
 * 414, 431, 505, broken chunked framing, an exception escaping a servlet) as {@code application/problem+json} with
 * {@code Cache-Control: no-store} and a fresh {@code X-Request-Id}, instead of an HTML page that echoes the request and
 * names internal classes. Responses the application already wrote are left alone. Install it with
 * {@code ((StandardHost) tomcat.getHost()).setErrorReportValveClass(TomcatProblemErrorValve.class.getName())}.
 * Thread-safe.
 */
public class TomcatProblemErrorValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String id = ContainerProblems.requestId();
        byte[] json = ContainerProblems.json(status, id);
        try {
            response.setContentType(ProblemResponse.MEDIA_TYPE);
            response.setHeader("Cache-Control", "no-store");
            response.setHeader(ContainerProblems.REQUEST_ID_HEADER, id);
            response.setContentLength(json.length);
            OutputStream out = response.getOutputStream();
            out.write(json);
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response cannot take a body any more: nothing left to answer
        }
    }
}
