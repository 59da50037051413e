/**
 * The files behind {@link dev.portcullis.core.client.UpstreamTls}: reading trust stores and client keys (PEM,
 * PKCS12, JKS) with errors that name the setting and the file but never the password, and the trust manager that
 * checks the chain but not the host name. Not public API; it may change in any release.
 */
package dev.portcullis.core.internal.tls;
