package dev.portcullis.test.internal;

import dev.portcullis.api.HttpHeaders;
import java.time.Duration;

/**
 * What {@link RawHttpServer} does with one request: respond, hang until it closes, or reset the connection, after a
 * delay. The public face of this value is {@code dev.portcullis.test.Answer}.
 *
 * <pre>{@code
 * Reply created = new Reply(Reply.Kind.RESPOND, 201, HttpHeaders.empty(), new byte[0], Duration.ZERO);
 * }</pre>
 *
 * @param kind what to do
 * @param status the status to respond with (0 unless {@link Kind#RESPOND})
 * @param headers the response headers, sent as given and in order
 * @param body the response body; not copied, never changed
 * @param delay the wait before responding or resetting
 */
public record Reply(Kind kind, int status, HttpHeaders headers, byte[] body, Duration delay) {

    /** What the server does. */
    public enum Kind {
        /** Sends a response. */
        RESPOND,
        /** Sends nothing until the server closes. */
        HANG,
        /** Closes the connection with a TCP RST. */
        RESET
    }
}
