/**
 * Where a request comes from: IP literals, trusted-proxy blocks, and the resolution of the client address, scheme
 * and host through the forwarding headers that trusted proxies write. Not public API; it may change in any release.
 */
package dev.portcullis.core.internal.net;
