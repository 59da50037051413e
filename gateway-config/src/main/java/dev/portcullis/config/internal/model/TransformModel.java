package dev.portcullis.config.internal.model;

import dev.portcullis.config.internal.bind.Doc;

/**
 * Header and query edits ({@code Transform}).
 *
 * <pre>{@code
 * transform:
 *   request: {remove: [Cookie], set: {X-Gateway: portcullis}}
 *   query: {remove: [debug]}
 *   response: {remove: [Server]}
 * }</pre>
 *
 * @param request edits of the request headers
 * @param query edits of the query
 * @param response edits of the response headers
 */
@Doc("Edits of request headers, the query and response headers.")
public record TransformModel(
        @Doc("Edits of the request headers.") HeaderEditsModel request,
        @Doc("Edits of the raw query.") QueryEditsModel query,
        @Doc("Edits of the response headers.") HeaderEditsModel response) {
}
