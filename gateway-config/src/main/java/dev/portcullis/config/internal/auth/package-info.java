/**
 * gateway-auth's sections of the configuration file: JWT, introspection and API-key authenticators, and the
 * claimHeaders stage. The only package of gateway-config that touches gateway-auth; loaded by name, only when the
 * file uses it. Internal: no compatibility promise.
 *
 * <pre>{@code
 * AuthFeature auth = Features.load(Features.AUTH, AuthFeature.class, origin, findings);
 * }</pre>
 */
package dev.portcullis.config.internal.auth;
