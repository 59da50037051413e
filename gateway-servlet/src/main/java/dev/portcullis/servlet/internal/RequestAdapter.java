package dev.portcullis.servlet.internal;

import dev.portcullis.api.Body;
import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.HttpHeaders;
import dev.portcullis.core.internal.net.ClientOrigin;
import dev.portcullis.core.internal.net.ForwardedResolver;
import dev.portcullis.core.internal.net.IpLiterals;
import dev.portcullis.core.internal.net.TrustedProxies;
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
     * @return its socket peer, or {@link TrustedProxies#UNKNOWN_PEER} (never trusted) when the container reports one
     *     that is not an IP literal, such as a Unix domain socket
     */
    public static InetAddress peerOf(HttpServletRequest request) {
        return IpLiterals.parse(request.getRemoteAddr()).orElse(TrustedProxies.UNKNOWN_PEER);
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
     * @return the body's declared length, see {@link #declaredLength(String, long, boolean)}
     */
    public static long declaredLength(HttpServletRequest request) {
        return declaredLength(request.getProtocol(), request.getContentLengthLong(),
                request.getHeader("Transfer-Encoding") != null);
    }

    /**
     * An HTTP/1.x request without {@code Content-Length} or {@code Transfer-Encoding} has no body (RFC 9112 §6.3);
     * an HTTP/2 or HTTP/3 request frames its body itself and may send one without {@code Content-Length}, so there
     * the length is unknown and the body is read to its end.
     *
     * @param protocol the request's protocol, e.g. {@code HTTP/1.1} or {@code HTTP/2.0}
     * @param contentLength its {@code Content-Length}, or -1
     * @param transferEncoding whether it has a {@code Transfer-Encoding}
     * @return the declared length, {@code -1} when unknown (chunked, or HTTP/2+ without a length), {@code 0} when
     *     there is no body
     */
    static long declaredLength(String protocol, long contentLength, boolean transferEncoding) {
        if (contentLength >= 0) {
            return contentLength;
        }
        if (transferEncoding || !protocol.startsWith("HTTP/1.")) {
            return -1;
        }
        return 0;
    }
}
