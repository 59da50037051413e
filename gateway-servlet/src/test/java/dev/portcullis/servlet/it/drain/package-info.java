/** The graceful drain of a destroyed {@code GatewayFilter}, in real Jetty and Tomcat containers. */
package dev.portcullis.servlet.it.drain;
