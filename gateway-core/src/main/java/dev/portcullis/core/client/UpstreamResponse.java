package dev.portcullis.core.client;

import dev.portcullis.api.Body;
import dev.portcullis.api.HttpHeaders;
import java.util.Objects;

/**
 * The upstream's answer as received: status, headers (hop-by-hop ones included; the proxy removes them) and the body
 * as a stream. Subscribe to the body exactly once; cancelling the subscription aborts the exchange.
 *
 * <pre>{@code
 * client.exchange(request).thenAccept(response -> response.body().subscribe(subscriber));
 * }</pre>
 *
 * @param status the status code
 * @param headers the headers, in order within each name
 * @param body the body stream
 */
public record UpstreamResponse(int status, HttpHeaders headers, Body body) {
    /** Checks the values. */
    public UpstreamResponse {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
    }
}
