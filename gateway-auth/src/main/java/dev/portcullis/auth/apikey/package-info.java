/**
 * API keys: {@link dev.portcullis.auth.apikey.ApiKeyAuthenticator} looks the SHA-256 of a key up in an
 * {@link dev.portcullis.auth.apikey.ApiKeyStore} ({@link dev.portcullis.auth.apikey.ApiKeys} holds hashes inline or
 * from a file); the plain key is never kept.
 */
package dev.portcullis.auth.apikey;
