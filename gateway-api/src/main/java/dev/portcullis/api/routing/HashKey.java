package dev.portcullis.api.routing;

import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.HttpHeaders;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link LoadBalancers#consistentHash(HashKey)} hashes to keep a client on one instance: a header, a cookie, the
 * client address, or anything else a request carries (the principal a stage set, a path variable). Implementations
 * are thread-safe, quick and never block.
 *
 * <pre>{@code
 * Route.builder("carts").path("/carts/**")
 *     .upstream("http://10.0.0.5:8080").upstream("http://10.0.0.6:8080")
 *     .loadBalancer(LoadBalancers.consistentHash(HashKey.cookie("SESSION")))
 *     .build();
 * HashKey byUser = request -> request.attribute(GatewayPrincipal.ATTRIBUTE).map(GatewayPrincipal::name);
 * }</pre>
 */
@FunctionalInterface
public interface HashKey {

    /**
     * @param request the request being proxied
     * @return the key to hash, or empty when the request has none (it then goes to an eligible instance at random)
     */
    Optional<String> key(GatewayRequest request);

    /**
     * @param name a header name
     * @return the header's first value
     * @throws IllegalArgumentException if {@code name} is not a header name
     */
    static HashKey header(String name) {
        requireToken(name, "header");
        return new NamedHashKey("header " + name, request -> request.headers().first(name));
    }

    /**
     * @param name a cookie name
     * @return the value of the first cookie of that name in the {@code Cookie} headers
     * @throws IllegalArgumentException if {@code name} is not a cookie name (an RFC 9110 token)
     */
    static HashKey cookie(String name) {
        requireToken(name, "cookie");
        String prefix = name + "=";
        return new NamedHashKey("cookie " + name, request -> {
            for (String header : request.headers().all("Cookie")) {
                for (String pair : header.split(";")) {
                    String trimmed = pair.strip();
                    if (trimmed.startsWith(prefix)) {
                        return Optional.of(trimmed.substring(prefix.length()));
                    }
                }
            }
            return Optional.empty();
        });
    }

    /** @return the client address as the gateway resolved it through its trusted proxies */
    static HashKey clientAddress() {
        return new NamedHashKey("client address", request -> Optional.of(request.clientAddress().getHostAddress()));
    }

    private static void requireToken(String name, String what) {
        Objects.requireNonNull(name, what);
        if (!HttpHeaders.isToken(name)) {
            throw new IllegalArgumentException(what + " name is not a token: " + name);
        }
    }
}
