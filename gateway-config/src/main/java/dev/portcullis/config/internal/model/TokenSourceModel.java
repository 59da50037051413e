package dev.portcullis.config.internal.model;

import dev.portcullis.config.internal.bind.Doc;

/**
 * Where bearer tokens are read ({@code BearerTokenSource}): always the Authorization header, plus optionally one
 * cookie and one query parameter.
 *
 * <pre>{@code
 * tokenSource: {cookie: access_token, maxLength: 8192}
 * }</pre>
 *
 * @param cookie a cookie carrying the token
 * @param queryParameter a query parameter carrying the token
 * @param maxLength the longest token accepted
 */
@Doc("Where bearer tokens are read besides the Authorization header.")
public record TokenSourceModel(
        @Doc("A cookie that may carry the token (removed before forwarding).") String cookie,
        @Doc("A query parameter that may carry the token (removed before forwarding).") String queryParameter,
        @Doc("The longest token accepted, default 8192 characters.") Integer maxLength) {
}
