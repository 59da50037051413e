/**
 * Implementation of the servlet adapter: the servlet exchange that carries a core exchange over the servlet API
 * (async cycle, application dispatch, connection abort), the non-blocking request-body publisher and response pump,
 * and the problem writer. Not public API; it may change in any release.
 */
package dev.portcullis.servlet.internal;
