/**
 * gateway-jsonschema's sections of the configuration file: the validation stage over every route's schema. The only
 * package of gateway-config that touches gateway-jsonschema; loaded by name, only when the file uses it. Internal:
 * no compatibility promise.
 *
 * <pre>{@code
 * ValidationFeature validation = Features.load(Features.JSON_SCHEMA, ValidationFeature.class, origin, findings);
 * }</pre>
 */
package dev.portcullis.config.internal.jsonschema;
