package dev.portcullis.examples.custom;

import dev.portcullis.api.GatewayRequest;
import java.net.InetAddress;
import java.util.function.Predicate;

/**
 * A custom route predicate: the client address (as the gateway resolved it through its trusted proxies) is private
 * (RFC 1918, IPv6 unique-local) or loopback, so a route can be reachable from inside only.
 *
 * <pre>{@code
 * Route.builder("ops").path("/ops/**").predicate(InternalCaller.PREDICATE).upstream("http://10.0.0.9:8080").build();
 * }</pre>
 */
public final class InternalCaller {
    /** Holds for requests from private and loopback addresses. */
    public static final Predicate<GatewayRequest> PREDICATE = InternalCaller::internal;

    private InternalCaller() {
    }

    private static boolean internal(GatewayRequest request) {
        InetAddress address = request.clientAddress();
        byte[] bytes = address.getAddress();
        boolean uniqueLocal = bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
        return address.isSiteLocalAddress() || address.isLoopbackAddress() || uniqueLocal;
    }
}
