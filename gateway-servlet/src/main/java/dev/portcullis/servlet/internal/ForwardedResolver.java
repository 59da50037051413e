package dev.portcullis.servlet.internal;

import dev.portcullis.api.HttpHeaders;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves the client's address, scheme and host from RFC 7239 {@code Forwarded} or the
 * {@code X-Forwarded-For/Proto/Host/Port} headers, but only when the socket peer is a trusted proxy. The client is
 * the rightmost hop that is not itself trusted. {@code Forwarded} wins over the {@code X-Forwarded-*} family when
 * both are present. Thread-safe.
 */
public final class ForwardedResolver {
    private final TrustedProxies trusted;

    /** @param trusted the trusted proxies */
    public ForwardedResolver(TrustedProxies trusted) {
        this.trusted = trusted;
    }

    /** @return the trusted proxies */
    public TrustedProxies trusted() {
        return trusted;
    }

    /**
     * @param peer the socket peer
     * @param headers the request headers
     * @param socketScheme the scheme of the connection to us
     * @param hostHeader the authority the peer addressed
     * @return the resolved origin; the peer's own values when it is not trusted
     */
    public ClientOrigin resolve(InetAddress peer, HttpHeaders headers, String socketScheme, String hostHeader) {
        ClientOrigin direct = new ClientOrigin(peer, socketScheme, hostHeader);
        if (!trusted.trusts(peer)) {
            return direct;
        }
        List<String> forwarded = headers.all("Forwarded");
        return forwarded.isEmpty() ? fromXForwarded(direct, headers) : fromForwarded(direct, forwarded);
    }

    private ClientOrigin fromForwarded(ClientOrigin direct, List<String> values) {
        List<Map<String, String>> elements = new ArrayList<>();
        for (String value : values) {
            elements.addAll(ForwardedSyntax.parse(value));
        }
        ClientOrigin origin = direct;
        for (int i = elements.size() - 1; i >= 0; i--) {
            Map<String, String> element = elements.get(i);
            Optional<InetAddress> hop = Optional.ofNullable(element.get("for")).flatMap(ForwardedResolver::node);
            if (hop.isEmpty()) {
                break;
            }
            origin = new ClientOrigin(hop.get(),
                    scheme(element.get("proto")).orElse(origin.scheme()),
                    host(element.get("host")).orElse(origin.authority()));
            if (!trusted.trusts(hop.get())) {
                break;
            }
        }
        return origin;
    }

    private ClientOrigin fromXForwarded(ClientOrigin direct, HttpHeaders headers) {
        List<String> hops = new ArrayList<>();
        for (String value : headers.all("X-Forwarded-For")) {
            for (String hop : value.split(",")) {
                hops.add(hop.trim());
            }
        }
        InetAddress client = direct.address();
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = node(hops.get(i));
            if (hop.isEmpty()) {
                break;
            }
            client = hop.get();
            if (!trusted.trusts(client)) {
                break;
            }
        }
        String scheme = headers.first("X-Forwarded-Proto").flatMap(v -> scheme(firstToken(v)))
                .orElse(direct.scheme());
        String host = headers.first("X-Forwarded-Host").flatMap(v -> host(firstToken(v))).orElse(direct.authority());
        Optional<String> port = headers.first("X-Forwarded-Port").map(ForwardedResolver::firstToken)
                .filter(p -> p.matches("[0-9]{1,5}"));
        if (port.isPresent() && !hasPort(host)) {
            host = host + ':' + port.get();
        }
        return new ClientOrigin(client, scheme, host);
    }

    private static String firstToken(String value) {
        int comma = value.indexOf(',');
        return (comma < 0 ? value : value.substring(0, comma)).trim();
    }

    private static Optional<String> scheme(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String lower = value.toLowerCase(Locale.ROOT);
        return lower.equals("http") || lower.equals("https") ? Optional.of(lower) : Optional.empty();
    }

    private static Optional<String> host(String value) {
        return value != null && value.matches("[A-Za-z0-9._~\\-]+(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?")
                ? Optional.of(value) : Optional.empty();
    }

    private static boolean hasPort(String host) {
        int close = host.lastIndexOf(']');
        return host.indexOf(':', close + 1) >= 0;
    }

    /** Parses a node: {@code 192.0.2.1}, {@code 192.0.2.1:4711}, {@code [2001:db8::1]:4711}, {@code 2001:db8::1}. */
    static Optional<InetAddress> node(String text) {
        String node = text.trim();
        if (node.startsWith("[")) {
            int close = node.indexOf(']');
            return close < 0 ? Optional.empty() : IpLiterals.parse(node.substring(0, close + 1));
        }
        int colon = node.indexOf(':');
        if (colon >= 0 && colon == node.lastIndexOf(':')) {
            node = node.substring(0, colon);
        }
        return IpLiterals.parse(node);
    }
}
