/**
 * The standard authenticators and the claim-header stage: {@link dev.portcullis.auth.jwt.JwtAuthenticator}
 * (Nimbus JOSE+JWT, JWKS or fixed keys, several issuers), {@link dev.portcullis.auth.introspection.IntrospectionAuthenticator}
 * (RFC 7662 for opaque tokens), {@link dev.portcullis.auth.apikey.ApiKeyAuthenticator} (hashed API keys) and
 * {@link dev.portcullis.auth.ClaimHeaders} (claims to upstream headers). Plug the authenticators into
 * {@link dev.portcullis.api.auth.Authentication#interceptor}.
 */
package dev.portcullis.auth;

import dev.portcullis.auth.apikey.ApiKeyAuthenticator;
import dev.portcullis.auth.introspection.IntrospectionAuthenticator;
import dev.portcullis.auth.jwt.JwtAuthenticator;
