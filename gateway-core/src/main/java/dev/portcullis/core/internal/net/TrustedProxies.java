package dev.portcullis.core.internal.net;

import dev.portcullis.core.ipfilter.CidrRange;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The configured blocks of trusted proxies, parsed as {@link CidrRange}s (a block with bits set below its prefix,
 * such as {@code 10.0.0.1/8}, is refused); an empty list trusts nobody, and the unspecified address
 * {@link #UNKNOWN_PEER} is never trusted, whatever the blocks. Immutable and thread-safe.
 */
public final class TrustedProxies {
    /** Stands in for a socket peer that is not an IP address (a Unix domain socket): {@code 0.0.0.0}. */
    public static final InetAddress UNKNOWN_PEER = IpLiterals.parse("0.0.0.0").orElseThrow();
    private final List<CidrRange> blocks;

    private TrustedProxies(List<CidrRange> blocks) {
        this.blocks = List.copyOf(blocks);
    }

    /**
     * @param cidrs blocks in CIDR notation
     * @return the list
     * @throws IllegalArgumentException naming the setting {@code trustedProxies} and the bad entry
     */
    public static TrustedProxies of(List<String> cidrs) {
        List<CidrRange> parsed = new ArrayList<>();
        for (String cidr : cidrs) {
            try {
                parsed.add(CidrRange.parse(cidr));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("trustedProxies: " + e.getMessage(), e);
            }
        }
        return new TrustedProxies(parsed);
    }

    /**
     * @param address a socket peer or a hop named in a forwarding header
     * @return whether it lies in a trusted block; never for an unspecified address ({@code 0.0.0.0}, {@code ::})
     */
    public boolean trusts(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            return false;
        }
        for (CidrRange block : blocks) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return blocks.toString();
    }
}
