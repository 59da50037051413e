/**
 * The demo: the pieces every example app shares, kept small so each can grow on its own, and {@link
 * dev.portcullis.examples.demo.DemoServices}, the helper process of {@code ./demo} next to
 * {@code portcullis-gateway.jar}.
 *
 * <ul>
 *   <li>{@link dev.portcullis.examples.demo.DemoUpstream}: the service behind the gateway (JDK HTTP server).</li>
 *   <li>{@link dev.portcullis.examples.demo.DemoGateway}: the routes, the pipeline and the filter.</li>
 *   <li>{@link dev.portcullis.examples.demo.DemoIssuer} (in-JVM, HS256) and
 *       {@link dev.portcullis.examples.demo.DemoJwksIssuer} (RS256, its keys served as a JWK set): demo tokens.</li>
 *   <li>{@link dev.portcullis.examples.demo.HelloServlet}: the servlet application behind the filter.</li>
 *   <li>{@link dev.portcullis.examples.demo.TryIt}: the curl lines the demo prints.</li>
 *   <li>{@link dev.portcullis.examples.demo.RunningApp} and {@link dev.portcullis.examples.demo.Launch}: starting,
 *       announcing and stopping an example app.</li>
 * </ul>
 */
package dev.portcullis.examples.demo;
