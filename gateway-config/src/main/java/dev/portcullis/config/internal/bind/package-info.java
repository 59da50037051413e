/**
 * Binding located nodes onto the model's records (unknown keys with suggestions, wrong types, missing settings,
 * secrets, files, durations and sizes), remembering each value's origin; and the JSON Schema generated from the same
 * records. Internal: no compatibility promise.
 *
 * <pre>{@code
 * GatewayModel model = new Binder(references, findings, origins).bind(root, GatewayModel.class);
 * }</pre>
 */
package dev.portcullis.config.internal.bind;
