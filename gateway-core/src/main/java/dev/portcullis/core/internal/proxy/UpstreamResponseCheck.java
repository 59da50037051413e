package dev.portcullis.core.internal.proxy;

import dev.portcullis.api.HttpHeaders;
import java.util.Optional;

/**
 * Decides whether an upstream response head may be relayed at all, whichever client parsed it. It may not when
 * <ul>
 *   <li>its status is {@code 101}: the gateway never forwards {@code Upgrade}, so a switch was never asked for;</li>
 *   <li>a header name is not an RFC 9110 token, or a value holds CR, LF or NUL;</li>
 *   <li>the head (status line plus every header line, counted as {@code name: value\r\n}) exceeds the cap.</li>
 * </ul>
 * Such a response becomes a 502 before a byte of it reaches the client. Thread-safe.
 */
final class UpstreamResponseCheck {
    private static final int STATUS_LINE_BYTES = "HTTP/1.1 200 \r\n\r\n".length();
    private final int maxHeadBytes;

    /** @param maxHeadBytes the largest response head relayed, in bytes */
    UpstreamResponseCheck(int maxHeadBytes) {
        this.maxHeadBytes = maxHeadBytes;
    }

    /**
     * @param status the upstream status
     * @param headers the upstream headers, as the client parsed them
     * @return why the response cannot be relayed, for the log; empty when it can
     */
    Optional<String> fault(int status, HttpHeaders headers) {
        if (status == 101) {
            return Optional.of("status 101 to a request that asked for no upgrade");
        }
        long[] size = {STATUS_LINE_BYTES};
        String[] fault = new String[1];
        headers.forEach((name, value) -> {
            size[0] += name.length() + value.length() + 4;
            if (fault[0] == null && !HttpHeaders.isToken(name)) {
                fault[0] = "a header name that is not a token";
            } else if (fault[0] == null && !HttpHeaders.isSafeValue(value)) {
                fault[0] = "a header value holding CR, LF or NUL";
            }
        });
        if (fault[0] == null && size[0] > maxHeadBytes) {
            fault[0] = "a response head of " + size[0] + " bytes, above the cap of " + maxHeadBytes;
        }
        return Optional.ofNullable(fault[0]);
    }
}
