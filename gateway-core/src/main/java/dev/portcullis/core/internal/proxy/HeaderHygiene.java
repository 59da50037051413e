package dev.portcullis.core.internal.proxy;

import dev.portcullis.api.AttributeKey;
import dev.portcullis.api.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Removes the headers that concern one connection only (RFC 9110 §7.6.1): the fixed hop-by-hop list and every
 * header named in a {@code Connection} value. Applied in both directions. {@code Trailer} goes too, because the
 * proxy does not relay trailers. Every other field keeps its value and its order. Headers with nothing to remove
 * are returned as they are, without a copy; names are compared ignoring case, never lower-cased.
 */
public final class HeaderHygiene {
    /**
     * The protocol a client asked to switch to ({@code Upgrade} with {@code Connection: upgrade}, e.g.
     * {@code websocket}), kept on the request because intake strips both headers: the proxy refuses such a request
     * instead of forwarding it as a plain one.
     */
    public static final AttributeKey<String> REQUESTED_UPGRADE = AttributeKey.of("requested-upgrade", String.class);
    private static final String[] HOP_BY_HOP = {"Connection", "Keep-Alive", "Proxy-Connection", "TE",
        "Transfer-Encoding", "Upgrade", "Proxy-Authorization", "Proxy-Authenticate", "Trailer"};

    private HeaderHygiene() {
    }

    /**
     * @param headers headers as received from one hop
     * @return the end-to-end headers among them; {@code headers} itself when none is hop-by-hop
     */
    public static HttpHeaders endToEnd(HttpHeaders headers) {
        List<String> named = connectionOptions(headers);
        return without(headers, name -> dropped(name, named));
    }

    /**
     * The protocols a request needs to switch to. An offer of {@code h2c} is not counted: it is optional (the JDK's
     * {@code HttpClient} sends it with every plain-HTTP request), and answering it in HTTP/1.1 is correct.
     *
     * @param headers a client request's headers, before {@link #endToEnd}
     * @return the protocols its {@code Upgrade} asks for besides {@code h2c}, when its {@code Connection} names
     *     {@code upgrade}; empty otherwise
     */
    public static Optional<String> requestedUpgrade(HttpHeaders headers) {
        if (connectionOptions(headers).stream().noneMatch("upgrade"::equalsIgnoreCase)) {
            return Optional.empty();
        }
        List<String> protocols = new ArrayList<>();
        for (String value : headers.all("Upgrade")) {
            for (String token : value.split(",")) {
                String protocol = token.trim();
                if (!protocol.isEmpty() && !protocol.equalsIgnoreCase("h2c")) {
                    protocols.add(protocol);
                }
            }
        }
        return protocols.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", protocols));
    }

    /**
     * The request headers a client may send on: the {@linkplain #endToEnd(HttpHeaders) end-to-end} ones less
     * {@code Proxy} (httpoxy: CGI-style upstreams read it as {@code HTTP_PROXY}) and, unless allowed, every name
     * holding {@code _} (many upstream stacks read {@code X_User_Sub} as {@code X-User-Sub}, a twin the gateway
     * would not have stripped), as nginx does by default.
     *
     * @param headers the headers of a client request
     * @param allowUnderscores whether names holding {@code _} are kept
     * @return the headers to forward; {@code headers} itself when none is dropped
     */
    public static HttpHeaders forwardable(HttpHeaders headers, boolean allowUnderscores) {
        List<String> named = connectionOptions(headers);
        return without(headers, name -> dropped(name, named) || name.equalsIgnoreCase("Proxy")
                || (!allowUnderscores && name.indexOf('_') >= 0));
    }

    private static HttpHeaders without(HttpHeaders headers, Predicate<String> drop) {
        boolean[] anyDropped = new boolean[1];
        headers.forEach((name, value) -> anyDropped[0] |= drop.test(name));
        if (!anyDropped[0]) {
            return headers;
        }
        HttpHeaders.Builder kept = HttpHeaders.builder();
        headers.forEach((name, value) -> {
            if (!drop.test(name)) {
                kept.add(name, value);
            }
        });
        return kept.build();
    }

    /**
     * @param name a header name
     * @return whether it is on the fixed hop-by-hop list
     */
    public static boolean isHopByHop(String name) {
        for (String hop : HOP_BY_HOP) {
            if (hop.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean dropped(String name, List<String> named) {
        if (isHopByHop(name)) {
            return true;
        }
        for (String option : named) {
            if (option.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** @return the field names listed in {@code Connection} values; an empty list when there are none */
    private static List<String> connectionOptions(HttpHeaders headers) {
        List<String> values = headers.all("Connection");
        if (values.isEmpty()) {
            return List.of();
        }
        List<String> named = new ArrayList<>();
        for (String value : values) {
            for (String token : value.split(",")) {
                String name = token.trim();
                if (!name.isEmpty()) {
                    named.add(name);
                }
            }
        }
        return named;
    }
}
