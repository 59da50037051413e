/**
 * Container tests of the guards, CORS, transformations and IP rules: the real {@code GatewayFilter} in embedded
 * Jetty 12 and Tomcat 11, real upstream servers, real sockets. Each class shares one server per container across
 * its tests.
 */
package dev.portcullis.servlet.it.validation;
