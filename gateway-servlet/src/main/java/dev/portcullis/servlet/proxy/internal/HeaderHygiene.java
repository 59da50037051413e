package dev.portcullis.servlet.proxy.internal;

import dev.portcullis.api.HttpHeaders;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Removes the headers that concern one connection only (RFC 9110 §7.6.1): the fixed hop-by-hop list and every
 * header named in a {@code Connection} value. Applied in both directions. {@code Trailer} goes too, because the
 * proxy does not relay trailers. Every other field keeps its value and its order.
 */
public final class HeaderHygiene {
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection", "te",
            "transfer-encoding", "upgrade", "proxy-authorization", "proxy-authenticate", "trailer");

    private HeaderHygiene() {
    }

    /**
     * @param headers headers as received from one hop
     * @return the end-to-end headers among them
     */
    public static HttpHeaders endToEnd(HttpHeaders headers) {
        Set<String> drop = new HashSet<>(HOP_BY_HOP);
        for (String value : headers.all("Connection")) {
            for (String token : value.split(",")) {
                String name = token.trim().toLowerCase(Locale.ROOT);
                if (!name.isEmpty()) {
                    drop.add(name);
                }
            }
        }
        HttpHeaders.Builder kept = HttpHeaders.builder();
        headers.forEach((name, value) -> {
            if (!drop.contains(name.toLowerCase(Locale.ROOT))) {
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
        return HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT));
    }
}
