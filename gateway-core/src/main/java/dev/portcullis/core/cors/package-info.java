/**
 * CORS answered by the gateway: {@link dev.portcullis.core.cors.Cors} applies a deny-by-default
 * {@link dev.portcullis.core.cors.CorsPolicy} of allowed origins (exact or {@code *.domain} patterns), methods,
 * headers, credentials, max-age and exposed headers.
 */
package dev.portcullis.core.cors;
