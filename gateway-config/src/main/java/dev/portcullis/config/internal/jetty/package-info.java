/**
 * gateway-jetty-client's section of the configuration file: the Jetty upstream client. The only package of
 * gateway-config that touches gateway-jetty-client; loaded by name, only when the file asks for it. Internal: no
 * compatibility promise.
 *
 * <pre>{@code
 * JettyFeature jetty = Features.load(Features.JETTY_CLIENT, JettyFeature.class, origin, findings);
 * }</pre>
 */
package dev.portcullis.config.internal.jetty;
