package dev.portcullis.core.internal.proxy;

import dev.portcullis.api.routing.Upstream;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Builds the upstream URI by concatenation, byte for byte: the configured scheme and authority, the upstream's base
 * path, the route's rewritten raw path and the raw query. Never {@link URI#resolve}: a path such as
 * {@code //evil.example/x} stays a path and can never become the authority.
 */
public final class UpstreamUris {
    private UpstreamUris() {
    }

    /**
     * @param upstream the chosen instance
     * @param rawPath the percent-encoded path, starting with {@code /}
     * @param rawQuery the percent-encoded query without {@code ?}, or null
     * @return the absolute URI
     * @throws IllegalArgumentException if the path or query holds characters a URI may not
     */
    public static URI build(Upstream upstream, String rawPath, String rawQuery) {
        String text = upstream.uri().getScheme() + "://" + upstream.uri().getRawAuthority()
                + upstream.basePath() + rawPath + (rawQuery == null ? "" : "?" + rawQuery);
        try {
            URI uri = new URI(text);
            if (!upstream.uri().getRawAuthority().equals(uri.getRawAuthority())) {
                throw new IllegalArgumentException("the path changed the upstream authority");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the path or query is not a valid URI: " + e.getReason(), e);
        }
    }
}
