/**
 * W3C Trace Context: the {@link dev.portcullis.core.trace.TracePolicy} that decides whether a caller's
 * {@code traceparent} is continued, restarted or ignored. The context itself is
 * {@link dev.portcullis.api.TraceContext}, an attribute of every request.
 */
package dev.portcullis.core.trace;
