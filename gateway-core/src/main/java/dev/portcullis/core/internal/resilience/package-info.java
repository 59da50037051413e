/**
 * Implementation of upstream resilience: per-group state (health, ejections, circuit breaker, retry budget), the
 * active health checker and the resilience timer. Not public API; it may change in any release.
 */
package dev.portcullis.core.internal.resilience;
