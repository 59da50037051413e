package dev.portcullis.servlet.internal;

import dev.portcullis.api.Body;
import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.HttpHeaders;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.util.Enumeration;

/**
 * Turns a servlet request into an immutable {@link GatewayRequest}: the raw request URI and query (never decoded),
 * the headers in the order the container reports them, the peer and the client as resolved by the
 * {@link ForwardedResolver}. Never touches the body or the parameters. Thread-safe.
 */
public final class RequestAdapter {
    private final ForwardedResolver resolver;

    /** @param resolver resolves the client through trusted proxies */
    public RequestAdapter(ForwardedResolver resolver) {
        this.resolver = resolver;
    }

    /**
     * @param request the servlet request
     * @return its socket peer
     */
    public static InetAddress peerOf(HttpServletRequest request) {
        return IpLiterals.parse(request.getRemoteAddr()).orElseThrow(
                () -> new IllegalStateException("the container reported a peer that is not an IP literal"));
    }

    /**
     * @param request the servlet request
     * @return its headers, multi-valued names in order
     */
    public static HttpHeaders headersOf(HttpServletRequest request) {
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

    /**
     * @param request the servlet request
     * @param id the request id
     * @param peer the socket peer
     * @param headers the request's headers
     * @param body the body to expose
     * @return the gateway's view of the request
     */
    public GatewayRequest adapt(HttpServletRequest request, String id, InetAddress peer, HttpHeaders headers,
                                Body body) {
        String host = headers.first("Host").orElse(request.getServerName() + ':' + request.getServerPort());
        ClientOrigin origin = resolver.resolve(peer, headers, request.getScheme(), host);
        return GatewayRequest.builder()
                .id(id)
                .method(request.getMethod())
                .scheme(origin.scheme())
                .authority(origin.authority())
                .rawPath(request.getRequestURI())
                .rawQuery(request.getQueryString())
                .headers(headers)
                .clientAddress(origin.address())
                .peerAddress(peer)
                .body(body)
                .build();
    }

    /**
     * @param request the servlet request
     * @return the body's declared length, {@code -1} when chunked, {@code 0} when there is none
     */
    public static long declaredLength(HttpServletRequest request) {
        long length = request.getContentLengthLong();
        if (length >= 0) {
            return length;
        }
        return request.getHeader("Transfer-Encoding") != null ? -1 : 0;
    }
}
