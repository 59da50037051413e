package dev.portcullis.config.internal.ratelimit;

import dev.portcullis.config.internal.bind.Suggestions;
import dev.portcullis.ratelimit.KeyResolver;
import dev.portcullis.ratelimit.KeyResolvers;
import java.util.List;

/**
 * Reads a policy's {@code key}: {@code client-ip}, {@code client-ip/<ipv6 prefix bits>}, {@code subject},
 * {@code api-key}, {@code route-id} or {@code header:<name>}; several are joined with
 * {@link KeyResolvers#composite}.
 *
 * <pre>{@code
 * KeyResolver perKeyAndRoute = Keys.resolver(List.of("api-key", "route-id"));
 * }</pre>
 */
final class Keys {
    private static final List<String> NAMES = List.of("client-ip", "subject", "api-key", "route-id", "header:<name>");

    private Keys() {
    }

    static KeyResolver resolver(List<String> parts) {
        if (parts.size() == 1) {
            return one(parts.get(0));
        }
        return KeyResolvers.composite(parts.stream().map(Keys::one).toArray(KeyResolver[]::new));
    }

    private static KeyResolver one(String key) {
        switch (key) {
            case "client-ip":
                return KeyResolvers.clientIp();
            case "subject":
                return KeyResolvers.subject();
            case "api-key":
                return KeyResolvers.apiKey();
            case "route-id":
                return KeyResolvers.routeId();
            default:
                if (key.startsWith("header:") && key.length() > "header:".length()) {
                    return KeyResolvers.header(key.substring("header:".length()));
                }
                if (key.startsWith("client-ip/")) {
                    return KeyResolvers.clientIp(prefixBits(key.substring("client-ip/".length())));
                }
                throw new IllegalArgumentException("unknown key '" + key + "'; a key is one of "
                        + String.join(", ", NAMES) + Suggestions.didYouMean(key, NAMES));
        }
    }

    private static int prefixBits(String bits) {
        try {
            return Integer.parseInt(bits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("client-ip/<bits> needs a number of IPv6 prefix bits, found '" + bits
                    + "'", e);
        }
    }
}
