package dev.portcullis.api.validation;

import java.util.Map;
import java.util.Objects;

/**
 * One reason a request was refused: where (a JSON Pointer, RFC 6901) and what.
 *
 * <p>For body violations the pointer addresses the offending value in the JSON body ({@code /items/2/price}; the
 * empty string is the whole body). Checks on other parts of the request use the pseudo-documents
 * {@code /headers/<name>} and {@code /query/<name>}.
 *
 * <pre>{@code
 * Violation v = new Violation("/age", "must be at least 0");
 * }</pre>
 *
 * @param pointer where the violation is
 * @param message what is wrong, safe to show a client
 */
public record Violation(String pointer, String message) {

    /** Checks the values. */
    public Violation {
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(message, "message");
    }

    /** @return this violation as the JSON-friendly map used in the problem's {@code violations} member */
    public Map<String, Object> toMap() {
        return Map.of("pointer", pointer, "message", message);
    }
}
