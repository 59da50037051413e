package dev.portcullis.servlet.internal;

import dev.portcullis.api.QueryParameters;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The request parameters the application sees when a stage changed the query: the pipeline's query parameters,
 * then, when the client's own body is still in place, the container's form-body parameters (the container lists
 * query values before body values, so the body's are what follows the client's query values of the same name).
 * A body a stage replaced is not parsed: read it from {@code getInputStream()}.
 */
final class ApplicationParameters {
    private ApplicationParameters() {
    }

    /**
     * @param container the container's request
     * @param pipelineQuery the query as the pipeline passed it on, or null
     * @param bodyReplaced whether a stage replaced the body
     * @return the parameters, names in order of first appearance
     */
    static Map<String, String[]> of(HttpServletRequest container, String pipelineQuery, boolean bodyReplaced) {
        Map<String, List<String>> merged = new LinkedHashMap<>();
        if (pipelineQuery != null) {
            QueryParameters.parse(pipelineQuery)
                    .forEach(pair -> merged.computeIfAbsent(pair.name(), n -> new ArrayList<>()).add(pair.value()));
        }
        if (!bodyReplaced && isForm(container.getContentType())) {
            String clientQuery = container.getQueryString();
            container.getParameterMap().forEach((name, values) -> {
                int fromQuery = clientQuery == null ? 0 : QueryParameters.values(clientQuery, name).size();
                for (int i = fromQuery; i < values.length; i++) {
                    merged.computeIfAbsent(name, n -> new ArrayList<>()).add(values[i]);
                }
            });
        }
        Map<String, String[]> result = new LinkedHashMap<>();
        merged.forEach((name, values) -> result.put(name, values.toArray(String[]::new)));
        return Collections.unmodifiableMap(result);
    }

    private static boolean isForm(String contentType) {
        return contentType != null && contentType.toLowerCase(java.util.Locale.ROOT)
                .startsWith("application/x-www-form-urlencoded");
    }
}
