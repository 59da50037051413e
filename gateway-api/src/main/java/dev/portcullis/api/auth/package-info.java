/**
 * Authentication and authorization: who made the request ({@link dev.portcullis.api.auth.GatewayPrincipal}), the
 * {@link dev.portcullis.api.auth.Authenticator} decision SPI and its adapter
 * {@link dev.portcullis.api.auth.Authentication}, per-route
 * {@link dev.portcullis.api.auth.Authenticators authenticator choices}, and per-route {@link dev.portcullis.api.auth.AccessPolicy access
 * policies} enforced by {@link dev.portcullis.api.auth.Authorization}. Calls to identity providers (JWKS fetches,
 * introspections) are heard through {@link dev.portcullis.api.auth.IdentityProviderListener}, the seam metrics use.
 *
 * <p>Stages in order: routing, then authentication (establishes the principal or rejects a bad credential), then
 * authorization (401 without a principal, 403 without the rights).
 */
package dev.portcullis.api.auth;
