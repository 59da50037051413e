/**
 * Implementation details of the API module. Nothing here is a public promise: types may change or vanish in any
 * release. Code against the types in {@code dev.portcullis.api} and its feature packages instead.
 */
package dev.portcullis.api.internal;
