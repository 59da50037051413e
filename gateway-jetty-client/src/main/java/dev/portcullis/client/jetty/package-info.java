/**
 * An {@link dev.portcullis.core.client.UpstreamClient} on Eclipse Jetty 12's {@code HttpClient}:
 * {@link dev.portcullis.client.jetty.JettyUpstreamClient}. With this module on the classpath,
 * {@link dev.portcullis.client.jetty.JettyUpstreamClientProvider} makes it the default of every filter built without a
 * client; pass one explicitly to change its settings (the caller then closes it). Everything else in this package is
 * implementation.
 *
 * <pre>{@code
 * GatewayFilter filter = GatewayFilter.builder().pipeline(pipeline).build();    // a JettyUpstreamClient, closed by destroy()
 * }</pre>
 */
package dev.portcullis.client.jetty;
