/**
 * The core contracts of Portcullis: the {@link dev.portcullis.api.Interceptor} and its
 * {@link dev.portcullis.api.Chain}, the ordered {@link dev.portcullis.api.Pipeline}, and the immutable exchange
 * model ({@link dev.portcullis.api.GatewayRequest}, {@link dev.portcullis.api.GatewayResponse},
 * {@link dev.portcullis.api.HttpHeaders}, {@link dev.portcullis.api.Body}, typed
 * {@link dev.portcullis.api.AttributeKey attributes}), the {@link dev.portcullis.api.Problem} error model, and the
 * {@link dev.portcullis.api.ExchangeListener} seam through which access logs, metrics and traces hear
 * {@link dev.portcullis.api.ExchangeEvent exchange events}.
 *
 * <p>This module depends on the JDK only. A user who writes a custom interceptor needs nothing else.
 */
package dev.portcullis.api;
