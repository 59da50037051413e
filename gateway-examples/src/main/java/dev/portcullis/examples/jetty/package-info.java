/**
 * Portcullis in embedded Jetty 12 (ee10): {@link dev.portcullis.examples.jetty.JettyExample} mounts the gateway
 * filter with a {@code FilterHolder} in front of an application servlet.
 */
package dev.portcullis.examples.jetty;
