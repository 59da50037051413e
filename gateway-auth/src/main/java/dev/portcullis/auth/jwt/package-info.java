/**
 * JWT bearer tokens on Nimbus JOSE+JWT: {@link dev.portcullis.auth.jwt.JwtAuthenticator} verifies tokens of one or
 * more {@link dev.portcullis.auth.jwt.JwtIssuer issuers} (keys from a JWKS URL, a file, inline or an HMAC secret;
 * algorithms pinned per issuer) under {@link dev.portcullis.auth.jwt.JwtVerification} rules.
 */
package dev.portcullis.auth.jwt;
