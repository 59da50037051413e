/**
 * An {@link dev.portcullis.servlet.proxy.UpstreamClient} on Eclipse Jetty 12's {@code HttpClient}:
 * {@link dev.portcullis.client.jetty.JettyUpstreamClient}. Everything else in this package is implementation.
 *
 * <pre>{@code
 * GatewayFilter filter = GatewayFilter.builder()
 *     .pipeline(pipeline)
 *     .upstreamClient(JettyUpstreamClient.create())
 *     .build();
 * }</pre>
 */
package dev.portcullis.client.jetty;
