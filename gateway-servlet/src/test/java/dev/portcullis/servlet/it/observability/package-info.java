/**
 * Integration tests of what the gateway tells operators, through the real filter in Jetty 12 and Tomcat 11: the W3C
 * trace context on the wire and in problem bodies, the access log, and the request-scoped MDC.
 */
package dev.portcullis.servlet.it.observability;
