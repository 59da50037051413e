/**
 * The standalone launcher: {@link dev.portcullis.examples.launcher.StandaloneGateway} runs the gateway on embedded
 * Jetty 12 with routes given on the command line. {@link dev.portcullis.examples.launcher.LauncherOptions} parses
 * the arguments, {@link dev.portcullis.examples.launcher.LauncherServer} wires the server.
 *
 * <pre>
 * java -cp ... dev.portcullis.examples.launcher.StandaloneGateway --port 8080 --route /api=http://127.0.0.1:9001
 * </pre>
 */
package dev.portcullis.examples.launcher;
