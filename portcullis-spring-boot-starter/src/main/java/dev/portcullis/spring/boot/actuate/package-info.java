/**
 * Actuator support: the {@code portcullis} endpoint ({@link dev.portcullis.spring.boot.actuate.PortcullisEndpoint},
 * answering a {@link dev.portcullis.spring.boot.actuate.GatewayDescription}) and the {@code portcullis} health
 * indicator ({@link dev.portcullis.spring.boot.actuate.PortcullisHealthIndicator}), each switched on when its Spring
 * Boot module is on the classpath.
 *
 * <pre>{@code
 * management.endpoints.web.exposure.include=health,portcullis
 * }</pre>
 */
package dev.portcullis.spring.boot.actuate;
