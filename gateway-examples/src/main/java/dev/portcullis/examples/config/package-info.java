/**
 * The Java DSL twins of the example configuration files in {@code gateway-examples/src/main/config}: each builds in
 * code what its file describes, and a test proves both build the same pipeline and decide a corpus of requests
 * alike. Read a file and its twin side by side to translate between the two.
 *
 * <pre>{@code
 * Pipeline fromCode = PlainProxyTwin.pipeline();
 * Pipeline fromFile = GatewayConfig.loader().load(Path.of("src/main/config/plain-proxy.yaml")).pipeline();
 * }</pre>
 */
package dev.portcullis.examples.config;
