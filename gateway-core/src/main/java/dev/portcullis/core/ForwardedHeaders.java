package dev.portcullis.core;

/**
 * Which family of forwarding headers the trusted proxies (the
 * gateway's {@code trustedProxies} setting) in front of the gateway write. Only that family is read; the other is ignored, because a proxy that
 * appends one family passes the client's copy of the other through untouched, and the client could forge it. The
 * other family is also replaced before the request is forwarded, so the upstream never sees the client's copy.
 *
 * <pre>{@code
 * GatewayFilter gateway = GatewayFilter.builder()
 *     .pipeline(pipeline)
 *     .trustedProxies("10.0.0.0/8")
 *     .forwardedHeaders(ForwardedHeaders.FORWARDED)     // the load balancer writes RFC 7239 Forwarded
 *     .build();
 * }</pre>
 */
public enum ForwardedHeaders {
    /** {@code X-Forwarded-For}, {@code X-Forwarded-Proto}, {@code X-Forwarded-Host}, {@code X-Forwarded-Port}. */
    X_FORWARDED,
    /** RFC 7239 {@code Forwarded}. */
    FORWARDED
}
