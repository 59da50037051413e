package dev.portcullis.servlet.internal;

import dev.portcullis.api.GatewayResponse;
import jakarta.servlet.http.HttpServletResponse;

/** Copies an ordinary response's status and headers onto the servlet response, before its body is pumped. */
final class ResponseHead {
    private ResponseHead() {
    }

    /**
     * @param response the servlet response, not committed
     * @param outcome the response to copy; {@code Content-Length} becomes the container's framing, and
     *     {@code Date} and {@code Server} replace the ones a container (Jetty) puts on every response
     */
    static void write(HttpServletResponse response, GatewayResponse outcome) {
        response.setStatus(outcome.status());
        outcome.headers().forEach((name, value) -> {
            if (name.equalsIgnoreCase("Content-Length")) {
                response.setContentLengthLong(Long.parseLong(value.trim()));
            } else if (name.equalsIgnoreCase("Date") || name.equalsIgnoreCase("Server")) {
                response.setHeader(name, value);
            } else {
                response.addHeader(name, value);
            }
        });
    }
}
