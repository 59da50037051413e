/**
 * Request-scoped logging: the SLF4J MDC keys the gateway sets for every request
 * ({@link dev.portcullis.core.logging.RequestMdc}) and the scope in which they are in place.
 */
package dev.portcullis.core.logging;
