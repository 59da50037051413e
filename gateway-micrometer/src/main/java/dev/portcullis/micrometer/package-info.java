/**
 * Gateway metrics on Micrometer: {@link dev.portcullis.micrometer.GatewayMetrics} listens to exchange events and
 * binds a gateway's rate-limit counters and upstream connection pool figures; its identity-provider listener times
 * JWKS fetches and introspections. Everything but {@code GatewayMetrics} is package-private.
 */
package dev.portcullis.micrometer;
