/**
 * Implementation of the servlet filter: request adaptation, trusted-proxy resolution, the path guard, the problem
 * renderer, and the non-blocking body publisher and response pump. Not public API; it may change in any release.
 */
package dev.portcullis.servlet.internal;
