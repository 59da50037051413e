package dev.portcullis.core.ipfilter;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address range in CIDR notation, parsed once: {@code 10.0.0.0/8}, {@code 2001:db8::/32}, or a single
 * address ({@code /32} or {@code /128} implied). Never touches DNS: only address literals are accepted. Immutable.
 *
 * <pre>{@code
 * CidrRange office = CidrRange.parse("192.0.2.0/24");
 * office.contains(InetAddress.getByName("192.0.2.17"));   // true
 * }</pre>
 */
public final class CidrRange {
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final String text;
    private final byte[] network;
    private final int prefix;

    private CidrRange(String text, byte[] network, int prefix) {
        this.text = text;
        this.network = network;
        this.prefix = prefix;
    }

    /**
     * @param cidr an address literal with an optional {@code /prefix}
     * @return the range
     * @throws IllegalArgumentException naming the text when it is not a literal, the prefix is out of range, or
     *     bits below the prefix are set
     */
    public static CidrRange parse(String cidr) {
        Objects.requireNonNull(cidr, "cidr");
        int slash = cidr.indexOf('/');
        String address = slash < 0 ? cidr : cidr.substring(0, slash);
        byte[] bytes = literal(address, cidr);
        int prefix = bytes.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(cidr.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("CIDR " + cidr + ": prefix is not a number", e);
            }
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new IllegalArgumentException("CIDR " + cidr + ": prefix must be 0 to " + bytes.length * 8);
            }
        }
        for (int bit = prefix; bit < bytes.length * 8; bit++) {
            if ((bytes[bit / 8] & (0x80 >>> (bit % 8))) != 0) {
                throw new IllegalArgumentException("CIDR " + cidr + ": address has bits set below the /" + prefix
                        + " prefix");
            }
        }
        return new CidrRange(cidr, bytes, prefix);
    }

    /**
     * @param address an address; an IPv4-mapped IPv6 address ({@code ::ffff:10.0.0.1}) is compared as the IPv4
     *     address it carries; otherwise an IPv4 address never falls in an IPv6 range or the reverse
     * @return whether it lies in this range
     */
    public boolean contains(InetAddress address) {
        byte[] bytes = unmapped(address.getAddress());
        if (bytes.length != network.length) {
            return false;
        }
        int whole = prefix / 8;
        for (int i = 0; i < whole; i++) {
            if (bytes[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (bytes[whole] & mask) == (network[whole] & mask);
    }

    /** {@code InetAddress.getByName} unmaps {@code ::ffff:a.b.c.d}; {@code Inet6Address.getByAddress} does not. */
    private static byte[] unmapped(byte[] bytes) {
        if (bytes.length != 16) {
            return bytes;
        }
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return bytes;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff ? Arrays.copyOfRange(bytes, 12, 16) : bytes;
    }

    private static byte[] literal(String address, String cidr) {
        if (!IPV4.matcher(address).matches() && !IPV6.matcher(address).matches()) {
            throw new IllegalArgumentException("CIDR " + cidr + ": not an IPv4 or IPv6 address literal");
        }
        try {
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("CIDR " + cidr + ": not an IPv4 or IPv6 address literal", e);
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
