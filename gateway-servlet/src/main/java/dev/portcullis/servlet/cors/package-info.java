/**
 * CORS answered by the gateway: {@link dev.portcullis.servlet.cors.Cors} applies a deny-by-default
 * {@link dev.portcullis.servlet.cors.CorsPolicy} of allowed origins (exact or {@code *.domain} patterns), methods,
 * headers, credentials, max-age and exposed headers.
 */
package dev.portcullis.servlet.cors;
