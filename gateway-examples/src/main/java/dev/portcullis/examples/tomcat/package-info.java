/**
 * Portcullis in embedded Tomcat 11: {@link dev.portcullis.examples.tomcat.TomcatExample} registers the gateway
 * filter from a {@code ServletContainerInitializer} with {@code GatewayFilter.register(ServletContext)}.
 */
package dev.portcullis.examples.tomcat;
