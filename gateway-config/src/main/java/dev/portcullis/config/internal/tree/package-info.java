/**
 * A configuration file as located nodes (every value knows its line and column), and the findings that point into
 * it. Internal: no compatibility promise.
 *
 * <pre>{@code
 * Node root = TreeReader.read(text, "gateway.yaml");
 * }</pre>
 */
package dev.portcullis.config.internal.tree;
