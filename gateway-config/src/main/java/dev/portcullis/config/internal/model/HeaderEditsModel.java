package dev.portcullis.config.internal.model;

import dev.portcullis.config.internal.bind.Doc;
import java.util.List;
import java.util.Map;

/**
 * Header edits ({@code HeaderEdits}), applied in this order: remove, rename, set, add.
 *
 * <pre>{@code
 * request: {remove: [Cookie], rename: {X-User: X-Upstream-User}, set: {X-Gateway: portcullis}, add: {Via-Tag: a}}
 * }</pre>
 *
 * @param remove headers dropped
 * @param rename headers moved to a new name
 * @param set headers replaced
 * @param add values appended
 */
@Doc("Header edits, applied in the order remove, rename, set, add.")
public record HeaderEditsModel(
        @Doc("Headers to drop entirely.") List<String> remove,
        @Doc("Header -> its new name; a client's copy of the new name is dropped first.") Map<String, String> rename,
        @Doc("Header -> the value replacing every existing one.") Map<String, String> set,
        @Doc("Header -> a value appended after the existing ones.") Map<String, String> add) {
}
