/**
 * The runnable gateway, built into {@code portcullis-gateway.jar}: {@link dev.portcullis.launcher.Main} runs the
 * gateway on embedded Jetty 12 from a configuration file or from routes given on the command line.
 * {@link dev.portcullis.launcher.LauncherOptions} parses the arguments, {@link dev.portcullis.launcher.LauncherServer}
 * wires the server. See docs/launcher.md.
 *
 * <pre>
 * java -jar portcullis-gateway.jar --config gateway.yaml
 * java -jar portcullis-gateway.jar --port 8080 --route /api=http://127.0.0.1:9001
 * </pre>
 */
package dev.portcullis.launcher;
