package dev.portcullis.servlet.internal;

import dev.portcullis.servlet.ipfilter.CidrRange;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The configured blocks of trusted proxies, parsed as {@link CidrRange}s (a block with bits set below its prefix,
 * such as {@code 10.0.0.1/8}, is refused); an empty list trusts nobody. Immutable and thread-safe.
 */
public final class TrustedProxies {
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
     * @return whether it lies in a trusted block
     */
    public boolean trusts(InetAddress address) {
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
