package dev.portcullis.core.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.api.Problem;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one place that writes a {@link Problem} as an RFC 9457 document with the request id and trace id. Thread-safe.
 */
public final class ProblemJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProblemJson() {
    }

    /**
     * @param problem the problem
     * @param requestId the request id
     * @param traceId the W3C trace id, or null when there is none
     * @return the JSON document: type, title, status, detail, requestId, traceId, then the problem's extensions
     */
    public static byte[] render(Problem problem, String requestId, String traceId) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("type", problem.type());
        document.put("title", problem.title());
        document.put("status", problem.status());
        problem.detail().ifPresent(detail -> document.put("detail", detail));
        document.put("requestId", requestId);
        if (traceId != null) {
            document.put("traceId", traceId);
        }
        document.putAll(problem.extensions());
        try {
            return JSON.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
