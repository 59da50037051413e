/**
 * The configuration file's model: one record per section, whose component names are the file's keys; the binder
 * reads them, the schema generator publishes them, the assembler maps them onto the Java DSL. Unset settings are
 * null and keep the DSL's defaults. Internal: no compatibility promise.
 *
 * <pre>{@code
 * GatewayModel model = binder.bind(TreeReader.read(text, "gateway.yaml"), GatewayModel.class);
 * }</pre>
 */
package dev.portcullis.config.internal.model;
