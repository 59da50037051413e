package dev.portcullis.core.internal.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** Parses IP address literals without ever asking DNS. */
public final class IpLiterals {
    private IpLiterals() {
    }

    /**
     * @param text an IPv4 literal, or an IPv6 literal with or without brackets
     * @return the address, or empty when the text is not an IP literal
     */
    public static Optional<InetAddress> parse(String text) {
        String literal = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (literal.isEmpty() || !isLiteral(literal)) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(literal));
        } catch (UnknownHostException | SecurityException e) {
            return Optional.empty();
        }
    }

    /**
     * Formats an address for a header: IPv6 in brackets.
     *
     * @param address the address
     * @return {@code 192.0.2.1} or {@code [2001:db8::1]}
     */
    public static String bracketed(InetAddress address) {
        String host = address.getHostAddress();
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }

    private static boolean isLiteral(String text) {
        boolean colon = text.indexOf(':') >= 0;
        int dots = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean hex = (c >= '0' && c <= '9') || (colon && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
            if (c == '.') {
                dots++;
            } else if (!hex && c != ':') {
                return false;
            }
        }
        return colon || dots == 3;
    }
}
