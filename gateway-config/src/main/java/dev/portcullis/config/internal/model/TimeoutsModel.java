package dev.portcullis.config.internal.model;

import dev.portcullis.config.internal.bind.Doc;
import java.time.Duration;

/**
 * A route's upstream timeouts.
 *
 * <pre>{@code
 * timeouts: {connect: 500ms, response: 10s, idle: 60s}
 * }</pre>
 *
 * @param connect the connect timeout
 * @param response the time to the response headers
 * @param idle the longest silence in the response body
 */
@Doc("A route's upstream timeouts, each more than 0 and at most 1h.")
public record TimeoutsModel(
        @Doc("Time to connect to an upstream; default 5s.") Duration connect,
        @Doc("Time to the upstream's response headers once the request is sent; default 30s.") Duration response,
        @Doc("The longest silence between two bytes of the response body; default 60s.") Duration idle) {
}
