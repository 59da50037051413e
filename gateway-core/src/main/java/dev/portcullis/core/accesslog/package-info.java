/**
 * The access log: {@link dev.portcullis.core.accesslog.AccessLog}, an exchange listener that writes one
 * {@link dev.portcullis.core.accesslog.AccessLogEntry} per exchange through SLF4J, off the request path, in a
 * {@link dev.portcullis.core.accesslog.AccessLogFormat} (text or JSON), sampled by
 * {@link dev.portcullis.core.accesslog.AccessLogSampling}, per route if need be.
 */
package dev.portcullis.core.accesslog;
