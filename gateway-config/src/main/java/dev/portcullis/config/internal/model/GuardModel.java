package dev.portcullis.config.internal.model;

import dev.portcullis.config.internal.bind.ByteSize;
import dev.portcullis.config.internal.bind.Doc;
import java.util.List;
import java.util.Map;

/**
 * A guard policy ({@code GuardPolicy}): request line and header checks.
 *
 * <pre>{@code
 * guard:
 *   maxBodySize: 64KiB
 *   allowedMethods: [GET, POST]
 *   allowedContentTypes: [application/json]
 *   requiredHeaders: {X-Tenant: {pattern: "[a-z0-9-]{1,32}"}}
 *   requiredQuery: {version: integer}
 * }</pre>
 *
 * @param maxBodySize the largest body
 * @param allowedMethods the methods accepted
 * @param allowedContentTypes the media ranges accepted
 * @param maxUriLength the longest path and query
 * @param maxHeaderSize the largest header section
 * @param requiredHeaders headers that must be present
 * @param requiredQuery query parameters that must be present
 */
@Doc("Request guards: size limits, methods, content types, required headers and query parameters.")
public record GuardModel(
        @Doc("The largest request body, default 10MiB.") ByteSize maxBodySize,
        @Doc("The methods accepted; default any.") List<String> allowedMethods,
        @Doc("Media types or ranges a body must have (application/json, application/*+json); default any.")
        List<String> allowedContentTypes,
        @Doc("The longest path and query in characters, default 8192.") Integer maxUriLength,
        @Doc("The largest header section, default 16KiB.") ByteSize maxHeaderSize,
        @Doc("Header -> the check each of its values must pass.") Map<String, ValueCheckModel> requiredHeaders,
        @Doc("Query parameter -> the check each of its values must pass.") Map<String, ValueCheckModel> requiredQuery) {
}
