/**
 * The demo: the pieces every example app shares, kept small so each can grow on its own, and {@link
 * dev.portcullis.examples.demo.Demo}, which starts the Jetty example and prints {@code curl} lines to try.
 *
 * <ul>
 *   <li>{@link dev.portcullis.examples.demo.DemoUpstream}: the service behind the gateway (JDK HTTP server).</li>
 *   <li>{@link dev.portcullis.examples.demo.DemoGateway}: the routes, the pipeline and the filter.</li>
 *   <li>{@link dev.portcullis.examples.demo.HelloServlet}: the servlet application behind the filter.</li>
 *   <li>{@link dev.portcullis.examples.demo.TryIt}: the curl lines the demo prints.</li>
 *   <li>{@link dev.portcullis.examples.demo.RunningApp} and {@link dev.portcullis.examples.demo.Launch}: starting,
 *       announcing and stopping an example app.</li>
 * </ul>
 */
package dev.portcullis.examples.demo;
