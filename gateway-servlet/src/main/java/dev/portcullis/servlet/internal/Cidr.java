package dev.portcullis.servlet.internal;

import java.net.InetAddress;
import java.util.Objects;

/**
 * An IPv4 or IPv6 address block in CIDR notation ({@code 10.0.0.0/8}, {@code 2001:db8::/32}); a bare address is a
 * block of one. Immutable.
 */
public final class Cidr {
    private final byte[] network;
    private final int prefix;
    private final String text;

    private Cidr(byte[] network, int prefix, String text) {
        this.network = network;
        this.prefix = prefix;
        this.text = text;
    }

    /**
     * @param text a block such as {@code 192.168.0.0/16}, {@code ::1/128} or {@code 127.0.0.1}
     * @return the block
     * @throws IllegalArgumentException if the text is not an IP literal with an optional valid prefix length
     */
    public static Cidr parse(String text) {
        Objects.requireNonNull(text, "cidr");
        int slash = text.indexOf('/');
        String host = slash < 0 ? text : text.substring(0, slash);
        InetAddress address = IpLiterals.parse(host)
                .orElseThrow(() -> new IllegalArgumentException("not an IP address block: " + text));
        byte[] bytes = address.getAddress();
        int max = bytes.length * 8;
        int prefix = max;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an IP address block: " + text, e);
            }
            if (prefix < 0 || prefix > max) {
                throw new IllegalArgumentException("prefix length out of range 0.." + max + ": " + text);
            }
        }
        return new Cidr(bytes, prefix, text);
    }

    /**
     * @param address an address
     * @return whether it lies in this block (an IPv4 address never lies in an IPv6 block, nor the reverse)
     */
    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        int bits = prefix;
        for (int i = 0; i < candidate.length && bits > 0; i++, bits -= 8) {
            int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
            if ((candidate[i] & mask) != (network[i] & mask)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return text;
    }
}
