package dev.portcullis.core.internal.proxy;

/**
 * The proxy's settings, validated by the gateway's builder.
 *
 * @param viaPseudonym this gateway's name in {@code Via}
 * @param requestIdHeader the header that carries the request id upstream
 * @param rfc7239 whether the trusted proxies write RFC 7239 {@code Forwarded} (else {@code X-Forwarded-*})
 * @param allowUnderscoreHeaders whether request header names holding {@code _} are forwarded
 * @param maxResponseHeadBytes the largest upstream response head relayed; a larger one is a 502
 */
public record ProxyRules(String viaPseudonym, String requestIdHeader, boolean rfc7239, boolean allowUnderscoreHeaders,
                         int maxResponseHeadBytes) {
}
