package dev.portcullis.servlet.container;

import dev.portcullis.core.ProblemResponse;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * A Jetty 12 {@link ErrorHandler} that answers every error Jetty produces itself (bad request line, 414, 431, 505,
 * oversized headers, and any error page outside a servlet context) as {@code application/problem+json} with
 * {@code Cache-Control: no-store} and a fresh {@code X-Request-Id}. The document depends on the status only: it never
 * echoes the request or names an exception. Install it with {@code server.setErrorHandler(new
 * JettyProblemErrorHandler())}. Thread-safe.
 */
public class JettyProblemErrorHandler extends ErrorHandler {

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String id = ContainerProblems.requestId();
        Object status = request.getAttribute(ERROR_STATUS);
        int code = status instanceof Integer ? (Integer) status : response.getStatus();
        byte[] json = ContainerProblems.json(code, id);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, ProblemResponse.MEDIA_TYPE);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put(ContainerProblems.REQUEST_ID_HEADER, id);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, json.length);
        response.write(true, ByteBuffer.wrap(json), callback);
        return true;
    }
}
