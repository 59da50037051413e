package dev.portcullis.core.internal.net;

import dev.portcullis.api.HttpHeaders;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves the client's address, scheme and host from RFC 7239 {@code Forwarded} or the
 * {@code X-Forwarded-For/Proto/Host/Port} headers, but only when the socket peer is a trusted proxy, and only from the
 * one family the trusted proxies write: the other may be the client's forgery. The client is the rightmost hop that
 * is not itself trusted. Scheme and host are taken from the same hop: the same {@code Forwarded} element, or the
 * {@code X-Forwarded-Proto/Host/Port} value at the client's index in {@code X-Forwarded-For} when the lists have the
 * same length, else their rightmost value (the one the nearest trusted proxy wrote). Thread-safe.
 */
public final class ForwardedResolver {
    private final TrustedProxies trusted;
    private final boolean rfc7239;

    /**
     * @param trusted the trusted proxies
     * @param rfc7239 whether they write RFC 7239 {@code Forwarded} (else the {@code X-Forwarded-*} family)
     */
    public ForwardedResolver(TrustedProxies trusted, boolean rfc7239) {
        this.trusted = trusted;
        this.rfc7239 = rfc7239;
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
        return rfc7239 ? fromForwarded(direct, headers.all("Forwarded"))
                : fromXForwarded(direct, headers);
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
        List<String> hops = list(headers, "X-Forwarded-For");
        InetAddress client = direct.address();
        int index = -1;
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = node(hops.get(i));
            if (hop.isEmpty()) {
                break;
            }
            client = hop.get();
            index = i;
            if (!trusted.trusts(client)) {
                break;
            }
        }
        String scheme = atHop(list(headers, "X-Forwarded-Proto"), index, hops.size())
                .flatMap(ForwardedResolver::scheme).orElse(direct.scheme());
        String host = atHop(list(headers, "X-Forwarded-Host"), index, hops.size())
                .flatMap(ForwardedResolver::host).orElse(direct.authority());
        Optional<String> port = atHop(list(headers, "X-Forwarded-Port"), index, hops.size())
                .filter(p -> p.matches("[0-9]{1,5}"));
        if (port.isPresent() && !hasPort(host)) {
            host = host + ':' + port.get();
        }
        return new ClientOrigin(client, scheme, host);
    }

    /** Every comma-separated value of a header, over all its lines, in order. */
    private static List<String> list(HttpHeaders headers, String name) {
        List<String> values = new ArrayList<>();
        for (String line : headers.all(name)) {
            for (String value : line.split(",")) {
                values.add(value.trim());
            }
        }
        return values;
    }

    /**
     * The value written for the client's hop: at its index when every hop wrote one (the lists line up), otherwise
     * the rightmost, written by the nearest trusted proxy; values further left may be the client's own.
     */
    private static Optional<String> atHop(List<String> values, int index, int hops) {
        if (values.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(index >= 0 && values.size() == hops ? values.get(index) : values.get(values.size() - 1));
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
