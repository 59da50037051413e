/**
 * Upstream resilience settings, per route: {@link dev.portcullis.core.resilience.Resilience} (route metadata under
 * {@link dev.portcullis.core.resilience.Resilience#KEY}) holds active
 * {@link dev.portcullis.core.resilience.HealthCheck}s, passive {@link dev.portcullis.core.resilience.OutlierEjection},
 * a {@link dev.portcullis.core.resilience.CircuitBreaker} and {@link dev.portcullis.core.resilience.Retries}. The
 * reverse proxy applies them; the mechanisms live in {@code dev.portcullis.core.internal.resilience}.
 */
package dev.portcullis.core.resilience;
