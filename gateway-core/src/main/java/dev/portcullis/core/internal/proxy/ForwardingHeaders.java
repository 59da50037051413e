package dev.portcullis.core.internal.proxy;

import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.HttpHeaders;
import dev.portcullis.core.internal.net.ForwardedSyntax;
import dev.portcullis.core.internal.net.IpLiterals;
import java.util.List;

/**
 * Writes {@code Via}, {@code X-Forwarded-For/Proto/Host/Port} and RFC 7239 {@code Forwarded} on an upstream request.
 * The incoming chain of the family the trusted proxies write is extended when the socket peer is one of them; every
 * other incoming copy is discarded, so a client can never plant a forged address. The other family's chain is
 * rebuilt from what the gateway resolved: the client (when a trusted proxy stands between) and the peer.
 * Client-address headers other proxies and CDNs write ({@code X-Real-IP}, {@code True-Client-IP}, ...) are kept only
 * when the socket peer is a trusted proxy: from anyone else they are forged and removed.
 */
public final class ForwardingHeaders {
    private static final List<String> FORWARDING = List.of("X-Forwarded-For", "X-Forwarded-Proto",
            "X-Forwarded-Host", "X-Forwarded-Port", "Forwarded");
    private static final List<String> CLIENT_ADDRESS = List.of("X-Real-IP", "True-Client-IP", "X-Client-IP",
            "CF-Connecting-IP", "Fastly-Client-IP", "X-Cluster-Client-IP", "X-Original-Forwarded-For",
            "X-Forwarded", "Forwarded-For", "X-Originating-IP", "X-Remote-IP", "X-Remote-Addr", "Client-IP",
            "X-ProxyUser-Ip", "X-Azure-ClientIP", "X-Azure-SocketIP", "Akamai-Origin-Hop");
    private final String via;
    private final boolean rfc7239;

    /**
     * @param viaPseudonym the name this gateway gives itself in {@code Via}, e.g. {@code portcullis}
     * @param rfc7239 whether the trusted proxies write RFC 7239 {@code Forwarded} (else {@code X-Forwarded-*})
     */
    public ForwardingHeaders(String viaPseudonym, boolean rfc7239) {
        this.via = "1.1 " + viaPseudonym;
        this.rfc7239 = rfc7239;
    }

    /**
     * @param request the request being forwarded (its client address, scheme and authority are already resolved)
     * @param endToEnd its end-to-end headers, where earlier hops' forwarding fields are read
     * @param out the upstream headers being built from {@code endToEnd}: their forwarding fields are replaced
     * @param peerTrusted whether the socket peer is a trusted proxy (else client-address headers are removed too)
     * @return {@code out}
     */
    public HttpHeaders.Builder apply(GatewayRequest request, HttpHeaders endToEnd, HttpHeaders.Builder out,
                                     boolean peerTrusted) {
        String peer = IpLiterals.bracketed(request.peerAddress());
        String client = peerTrusted && !request.clientAddress().equals(request.peerAddress())
                ? IpLiterals.bracketed(request.clientAddress()) : "";
        String priorFor = !peerTrusted ? ""
                : !rfc7239 ? String.join(", ", endToEnd.all("X-Forwarded-For")) : client;
        String priorForwarded = !peerTrusted ? ""
                : rfc7239 ? String.join(", ", endToEnd.all("Forwarded"))
                : client.isEmpty() ? "" : "for=" + ForwardedSyntax.quoteIfNeeded(client);
        FORWARDING.forEach(out::remove);
        if (!peerTrusted) {
            CLIENT_ADDRESS.forEach(out::remove);
        }
        String authority = request.authority();
        String host = hostOf(authority);
        String port = portOf(authority, request.scheme());
        out.add("X-Forwarded-For", priorFor.isEmpty() ? peer : priorFor + ", " + peer);
        out.add("X-Forwarded-Proto", request.scheme());
        out.add("X-Forwarded-Host", host);
        out.add("X-Forwarded-Port", port);
        String element = "for=" + ForwardedSyntax.quoteIfNeeded(peer) + ";proto=" + request.scheme()
                + ";host=" + ForwardedSyntax.quoteIfNeeded(authority);
        out.add("Forwarded", priorForwarded.isEmpty() ? element : priorForwarded + ", " + element);
        out.add("Via", via);
        return out;
    }

    private static String hostOf(String authority) {
        int close = authority.lastIndexOf(']');
        int colon = authority.indexOf(':', close + 1);
        return colon < 0 ? authority : authority.substring(0, colon);
    }

    private static String portOf(String authority, String scheme) {
        int close = authority.lastIndexOf(']');
        int colon = authority.indexOf(':', close + 1);
        return colon < 0 ? ("https".equals(scheme) ? "443" : "80") : authority.substring(colon + 1);
    }
}
