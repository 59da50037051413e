package dev.portcullis.config.internal.model;

import dev.portcullis.config.internal.bind.Doc;
import dev.portcullis.config.internal.bind.Required;
import java.time.Duration;

/**
 * A connect and a read timeout, set together.
 *
 * <pre>{@code
 * timeouts: {connect: 2s, read: 3s}
 * }</pre>
 *
 * @param connect the connect timeout
 * @param read the read timeout
 */
@Doc("Connect and read timeouts of a call to an identity provider.")
public record TimeoutPairModel(
        @Doc("Connect timeout.") @Required Duration connect,
        @Doc("Response timeout; a whole call takes at most connect + read.") @Required Duration read) {
}
