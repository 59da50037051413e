/**
 * Implementation of the authenticators: key rings and the JWKS cache, token verification, bounded caches, capped
 * HTTP fetches. Nothing here is a public promise; use the types in {@code dev.portcullis.servlet.auth}.
 */
package dev.portcullis.servlet.auth.internal;
