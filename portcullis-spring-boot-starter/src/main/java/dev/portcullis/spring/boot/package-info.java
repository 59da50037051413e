/**
 * The Spring Boot starter: {@link dev.portcullis.spring.boot.PortcullisAutoConfiguration} mounts the gateway built
 * from {@code portcullis.config-file} ({@link dev.portcullis.spring.boot.ConfiguredGateway}) as a servlet filter
 * before Spring Security, configured by {@link dev.portcullis.spring.boot.PortcullisProperties}; custom stages and
 * listeners come from the application's beans; {@link dev.portcullis.spring.boot.UpstreamStates} remembers what the
 * gateway reported about upstream instances.
 *
 * <pre>{@code
 * # application.yaml
 * portcullis:
 *   config-file: gateway.yaml
 * }</pre>
 */
package dev.portcullis.spring.boot;
