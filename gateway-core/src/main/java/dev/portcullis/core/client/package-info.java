/**
 * The upstream side of the reverse proxy: the {@link dev.portcullis.core.client.UpstreamClient} SPI that sends one
 * request to one upstream instance and streams the answer back, and its default implementation on the JDK's
 * {@code java.net.http.HttpClient}, {@link dev.portcullis.core.client.JdkUpstreamClient}.
 */
package dev.portcullis.core.client;
