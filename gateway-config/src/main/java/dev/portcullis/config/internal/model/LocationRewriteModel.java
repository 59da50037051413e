package dev.portcullis.config.internal.model;

import dev.portcullis.config.internal.bind.Doc;

/**
 * The {@code locationRewrite} stage ({@code LocationRewrite}).
 *
 * <pre>{@code
 * locationRewrite: {publicBase: https://api.example.com}
 * }</pre>
 *
 * @param publicBase the public base URI, or null for gateway paths
 */
@Doc("Turns a Location on one of the route's upstreams into a gateway address.")
public record LocationRewriteModel(
        @Doc("An absolute public base (https://api.example.com); default: a path on the gateway.") String publicBase) {
}
