/**
 * The standard authenticators and the claim-header stage: {@link dev.portcullis.servlet.auth.JwtAuthenticator}
 * (Nimbus JOSE+JWT, JWKS or fixed keys, several issuers), {@link dev.portcullis.servlet.auth.IntrospectionAuthenticator}
 * (RFC 7662 for opaque tokens), {@link dev.portcullis.servlet.auth.ApiKeyAuthenticator} (hashed API keys) and
 * {@link dev.portcullis.servlet.auth.ClaimHeaders} (claims to upstream headers). Plug the authenticators into
 * {@link dev.portcullis.api.auth.Authentication#interceptor}.
 */
package dev.portcullis.servlet.auth;
