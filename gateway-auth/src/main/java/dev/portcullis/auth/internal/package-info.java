/**
 * Implementation of the authenticators: key rings and the JWKS cache, token verification, bounded caches, capped
 * HTTP fetches. Nothing here is a public promise; use the types in {@code dev.portcullis.auth} and its sub-packages.
 */
package dev.portcullis.auth.internal;
