/**
 * JWT helpers for tests of authenticated routes: {@link dev.portcullis.test.jwt.SigningKey} ({@code RS256},
 * {@code ES256}, {@code HS256}), {@link dev.portcullis.test.jwt.Jwt} to mint signed tokens with chosen claims, and
 * {@link dev.portcullis.test.jwt.JwksServer}, a real local JWKS endpoint whose keys a test rotates. They use Nimbus
 * JOSE+JWT, an optional dependency of the kit: it is on the classpath whenever {@code gateway-auth} is; without it,
 * signing or publishing fails with a message naming the artifact to add.
 *
 * <pre>{@code
 * SigningKey key = SigningKey.es256("key-1");
 * JwksServer jwks = JwksServer.publishing(key);
 * JwtIssuer issuer = JwtIssuer.builder("https://idp.test").algorithms("ES256").jwksUri(jwks.uri()).build();
 * String token = Jwt.builder().issuer("https://idp.test").subject("alice").signWith(key);
 * }</pre>
 */
package dev.portcullis.test.jwt;
