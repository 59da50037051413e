/**
 * Transformations: request and response header edits, query parameter edits that leave the rest of the raw query
 * untouched, and the rewrite of upstream {@code Location} headers to the gateway's address.
 */
package dev.portcullis.core.transform;
