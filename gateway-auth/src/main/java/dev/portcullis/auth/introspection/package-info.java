/**
 * Opaque bearer tokens checked by OAuth 2 token introspection (RFC 7662):
 * {@link dev.portcullis.auth.introspection.IntrospectionAuthenticator}, with a bounded cache and merged concurrent
 * lookups.
 */
package dev.portcullis.auth.introspection;
