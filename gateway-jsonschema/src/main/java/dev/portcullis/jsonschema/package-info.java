/**
 * JSON body validation against JSON Schema 2020-12: {@link dev.portcullis.jsonschema.JsonSchemaValidator}, a
 * {@link dev.portcullis.api.validation.RequestValidator} whose schemas are loaded and compiled at startup and which
 * never fetches a remote {@code $ref}.
 */
package dev.portcullis.jsonschema;
