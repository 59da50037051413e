package dev.portcullis.config.internal.model;

import dev.portcullis.config.internal.bind.Doc;
import java.util.List;
import java.util.Map;

/**
 * Query edits ({@code QueryEdits}); other pairs keep their raw bytes.
 *
 * <pre>{@code
 * query: {remove: [debug], add: {source: gateway}}
 * }</pre>
 *
 * @param remove parameters dropped
 * @param add parameters appended
 */
@Doc("Query edits: removed pairs vanish, added pairs are appended percent-encoded.")
public record QueryEditsModel(
        @Doc("Parameters (decoded names) whose every pair is dropped.") List<String> remove,
        @Doc("Parameter -> value appended.") Map<String, String> add) {
}
