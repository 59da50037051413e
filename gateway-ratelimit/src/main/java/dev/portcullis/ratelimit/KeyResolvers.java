package dev.portcullis.ratelimit;

import dev.portcullis.api.auth.AuthenticatedKey;
import dev.portcullis.api.auth.GatewayPrincipal;
import dev.portcullis.api.routing.Routing;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The standard {@link KeyResolver}s.
 *
 * <pre>{@code
 * KeyResolver perUser = KeyResolvers.subject();
 * KeyResolver perKeyAndRoute = KeyResolvers.composite(KeyResolvers.apiKey(), KeyResolvers.routeId()); // after authentication
 * }</pre>
 */
public final class KeyResolvers {
    private static final int DEFAULT_IPV6_PREFIX = 64;

    private KeyResolvers() {
    }

    /**
     * The client address as resolved by the filter through the trusted-proxy rules ({@code clientAddress()}), so a
     * forged {@code X-Forwarded-For} cannot mint fresh buckets. IPv6 clients are grouped by their /64 network, since
     * one subscriber usually holds a whole /64.
     *
     * @return {@code ip:203.0.113.7} or {@code ip:2001:db8:1:2:0:0:0:0/64}; always present
     */
    public static KeyResolver clientIp() {
        return clientIp(DEFAULT_IPV6_PREFIX);
    }

    /**
     * @param ipv6PrefixBits how many leading bits of an IPv6 address form the key, 1 to 128
     * @return the client-address resolver with that IPv6 grouping
     */
    public static KeyResolver clientIp(int ipv6PrefixBits) {
        if (ipv6PrefixBits < 1 || ipv6PrefixBits > 128) {
            throw new IllegalArgumentException("ipv6PrefixBits must be 1 to 128, was " + ipv6PrefixBits);
        }
        return request -> Optional.of(ipKey(request.clientAddress(), ipv6PrefixBits));
    }

    /**
     * The authenticated subject, told apart by issuer: the same {@code sub} from two identity providers is two keys.
     *
     * @return {@code sub:<authenticator>/<length of the issuer>:<issuer>/<name>} of the
     *     {@link GatewayPrincipal#ATTRIBUTE} ({@code sub:<authenticator>/<name>} when the principal has no issuer; the
     *     length prefix keeps an issuer with {@code /} from running into the name); empty before authentication or
     *     for anonymous requests
     */
    public static KeyResolver subject() {
        return request -> request.attribute(GatewayPrincipal.ATTRIBUTE)
                .map(p -> "sub:" + p.authenticator() + '/' + p.issuer().map(iss -> iss.length() + ":" + iss + '/').orElse("")
                        + p.name());
    }

    /**
     * The API key that authenticated the request, as recorded by an API-key authenticator in
     * {@link AuthenticatedKey#ATTRIBUTE}: a digest of the key, never the key. Use it only in a rate-limit stage
     * <em>after</em> authentication: before it, or for a request authenticated otherwise (a JWT) or not at all, the
     * resolver is empty and the policy's fallback (default the client IP) applies, so unchecked header values can
     * never mint buckets.
     *
     * @return {@code apikey:<base64url of the first 128 bits of SHA-256>}; empty without an authenticated API key
     */
    public static KeyResolver apiKey() {
        return request -> request.attribute(AuthenticatedKey.ATTRIBUTE)
                .filter(key -> request.attribute(GatewayPrincipal.ATTRIBUTE).orElse(null) == key.principal())
                .map(key -> "apikey:" + key.id());
    }

    /**
     * @param header a header name, e.g. {@code X-Tenant}
     * @return {@code header:<name>:<first value>}; empty without the header
     */
    public static KeyResolver header(String header) {
        Objects.requireNonNull(header, "header");
        return request -> request.headers().first(header)
                .filter(value -> !value.isBlank())
                .map(value -> "header:" + header + ':' + value);
    }

    /** @return {@code route:<id>} of the matched route; empty for requests no route matched */
    public static KeyResolver routeId() {
        return request -> request.attribute(Routing.MATCH).map(match -> "route:" + match.route().id());
    }

    /**
     * @param parts resolvers whose keys are joined with {@code |}
     * @return a resolver that is empty as soon as one part is
     */
    public static KeyResolver composite(KeyResolver... parts) {
        List<KeyResolver> all = List.of(parts);
        if (all.isEmpty()) {
            throw new IllegalArgumentException("composite needs at least one part");
        }
        return request -> {
            StringBuilder key = new StringBuilder();
            for (KeyResolver part : all) {
                Optional<String> value = part.resolve(request);
                if (value.isEmpty()) {
                    return Optional.empty();
                }
                key.append(key.length() == 0 ? "" : "|").append(value.get());
            }
            return Optional.of(key.toString());
        };
    }

    /** @return the first 128 bits of SHA-256 over the UTF-8 text, base64url without padding */
    static String hash(String text) {
        try {
            byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(sha256, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static String ipKey(InetAddress address, int ipv6PrefixBits) {
        if (!(address instanceof Inet6Address) || ipv6PrefixBits == 128) {
            return "ip:" + address.getHostAddress();
        }
        byte[] bytes = address.getAddress();
        for (int bit = ipv6PrefixBits; bit < 128; bit++) {
            bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        try {
            return "ip:" + InetAddress.getByAddress(bytes).getHostAddress() + '/' + ipv6PrefixBits;
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 bytes are an IPv6 address", e);
        }
    }
}
