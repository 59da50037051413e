package dev.portcullis.servlet.internal;

import dev.portcullis.api.HttpHeaders;
import dev.portcullis.core.IncomingRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Enumeration;

/**
 * Reads what the gateway needs of a servlet request into an {@link IncomingRequest}: the raw request URI and query
 * (never decoded), the headers in the order the container reports them, the peer. Never touches the body or the
 * parameters. Stateless.
 */
final class ServletRequests {
    private ServletRequests() {
    }

    /**
     * @param request the servlet request
     * @param body opens the request body when the gateway needs it
     * @return the request as the container read it
     */
    static IncomingRequest incoming(HttpServletRequest request, IncomingRequest.BodyOpener body) {
        return IncomingRequest.builder()
                .method(request.getMethod())
                .rawPath(request.getRequestURI())
                .rawQuery(request.getQueryString())
                .protocol(request.getProtocol())
                .scheme(request.getScheme())
                .serverName(request.getServerName())
                .serverPort(request.getServerPort())
                .peerAddress(String.valueOf(request.getRemoteAddr()))
                .headers(headersOf(request))
                .contentLength(request.getContentLengthLong())
                .body(body)
                .build();
    }

    /**
     * @param request the servlet request
     * @return its headers, multi-valued names in order
     */
    static HttpHeaders headersOf(HttpServletRequest request) {
        HttpHeaders.Builder headers = HttpHeaders.builder();
        Enumeration<String> names = request.getHeaderNames();
        while (names.hasMoreElements()) {
            String name = names.nextElement();
            Enumeration<String> values = request.getHeaders(name);
            while (values.hasMoreElements()) {
                headers.add(name, values.nextElement());
            }
        }
        return headers.build();
    }
}
