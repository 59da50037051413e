package dev.portcullis.config.internal.model;

import dev.portcullis.config.internal.bind.Doc;
import dev.portcullis.config.internal.bind.Required;
import dev.portcullis.config.internal.bind.Shorthand;

/**
 * One upstream instance; a plain string is its URI with weight 1.
 *
 * <pre>{@code
 * upstreams: [http://10.0.0.5:8080, {uri: http://10.0.0.6:8080, weight: 3}]
 * }</pre>
 *
 * @param uri the base URI
 * @param weight its share
 */
@Doc("An upstream instance: a base URI (http or https, no query), or {uri, weight}.")
public record UpstreamModel(
        @Doc("The base URI; a base path such as /v2 goes in front of the forwarded path.") @Shorthand @Required String uri,
        @Doc("Its share of the route's requests, 1..10000; default 1.") Integer weight) {
}
