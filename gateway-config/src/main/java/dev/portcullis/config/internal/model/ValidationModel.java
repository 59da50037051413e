package dev.portcullis.config.internal.model;

import dev.portcullis.config.internal.bind.ByteSize;
import dev.portcullis.config.internal.bind.Doc;
import dev.portcullis.config.internal.bind.FileRef;
import java.util.Map;

/**
 * The {@code validation} stage ({@code JsonSchemaValidator}); each route names its schema with
 * {@code routes[].schema}.
 *
 * <pre>{@code
 * validation:
 *   referencedSchemas: {"https://schemas.example.com/address.json": schemas/address.json}
 *   maxBodySize: 256KiB
 * }</pre>
 *
 * @param referencedSchemas schemas other schemas refer to
 * @param maxBodySize the largest body buffered
 * @param maxDepth the deepest nesting
 */
@Doc("JSON Schema validation of request bodies on routes that name a schema.")
public record ValidationModel(
        @Doc("Absolute IRI -> the schema file served for it when another schema $refs it.")
        Map<String, FileRef> referencedSchemas,
        @Doc("The largest body buffered for validation, default 1MiB.") ByteSize maxBodySize,
        @Doc("The deepest nesting of objects and arrays accepted, default 64.") Integer maxDepth) {
}
