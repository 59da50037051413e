package dev.portcullis.client.jetty;

import dev.portcullis.servlet.it.resilience.ResilienceContract;

/**
 * {@link ResilienceContract} with the Jetty upstream client, the default with this module on the classpath. Unlike
 * the JDK client, the Jetty client never sends a request again by itself, so here the gateway's own retries are the
 * only ones.
 */
class JettyResilienceTest extends ResilienceContract {
}
