/**
 * Integration with the servlet containers themselves, for requests the container refuses before any filter runs
 * (a bad request line, a request target or header block too large, an unsupported HTTP version, broken chunked
 * framing on Tomcat). {@link dev.portcullis.servlet.container.JettyProblemErrorHandler} and
 * {@link dev.portcullis.servlet.container.TomcatProblemErrorValve} answer those as {@code application/problem+json}
 * without echoing any part of the request and without naming a class.
 * {@link dev.portcullis.servlet.container.SlowClientLimits}, applied by
 * {@link dev.portcullis.servlet.container.JettySlowClientLimits} or
 * {@link dev.portcullis.servlet.container.TomcatSlowClientLimits}, bounds slow and silent clients at the connector.
 * {@link dev.portcullis.servlet.container.JettyGatewayDrain} lets Jetty's stop drain the gateway before it closes the
 * connections (Tomcat needs nothing: it pauses its connector and destroys the filter while connections are open).
 * Jetty and Tomcat are optional dependencies of
 * this module: an application uses the class for its own container and never needs the other one.
 */
package dev.portcullis.servlet.container;
