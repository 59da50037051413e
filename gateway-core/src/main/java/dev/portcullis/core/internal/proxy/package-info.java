/**
 * Implementation of the reverse proxy: header hygiene, forwarding headers, upstream URI building and the mapping
 * of upstream failures to problems. Not public API; it may change in any release.
 */
package dev.portcullis.core.internal.proxy;
