package dev.portcullis.test.internal;

import dev.portcullis.api.HttpHeaders;

/**
 * One request as {@link RawHttpServer} read it off the wire. The public face of this value is
 * {@code dev.portcullis.test.RecordedRequest}.
 *
 * <pre>{@code
 * responder.record(new Received("GET", "/x", "HTTP/1.1", headers, new byte[0], 0, false, true));
 * }</pre>
 *
 * @param method the method, as sent
 * @param target the request target, byte for byte as sent (ISO-8859-1)
 * @param version the protocol version, e.g. {@code HTTP/1.1}
 * @param headers the header fields, in the order and spelling sent
 * @param body the body bytes kept, at most the server's cap; not copied
 * @param bodyLength every body byte received, kept or not
 * @param chunked whether the body came with chunked transfer coding
 * @param complete whether the body arrived whole (false: the connection ended or the framing broke mid-body)
 */
public record Received(String method, String target, String version, HttpHeaders headers, byte[] body,
                       long bodyLength, boolean chunked, boolean complete) {
}
