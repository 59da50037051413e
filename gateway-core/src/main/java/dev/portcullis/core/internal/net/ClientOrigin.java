package dev.portcullis.core.internal.net;

import java.net.InetAddress;
import java.util.Objects;

/**
 * Where a request came from, as resolved through the trusted-proxy rules.
 *
 * @param address the client's address: the rightmost untrusted hop
 * @param scheme {@code http} or {@code https} as the client used it
 * @param authority the host (and port) the client addressed
 */
public record ClientOrigin(InetAddress address, String scheme, String authority) {
    /** Checks the values. */
    public ClientOrigin {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(authority, "authority");
    }
}
