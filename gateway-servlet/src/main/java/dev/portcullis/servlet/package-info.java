/**
 * The servlet side of Portcullis: {@link dev.portcullis.servlet.GatewayFilter} mounts a
 * {@link dev.portcullis.api.Pipeline} in a Jakarta Servlet 6 container (Jetty 12, Tomcat 11, Spring Boot 3),
 * proxies routed requests upstream and passes the others to the application.
 */
package dev.portcullis.servlet;
