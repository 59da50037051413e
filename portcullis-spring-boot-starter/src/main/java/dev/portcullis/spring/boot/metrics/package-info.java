/**
 * Micrometer support: {@link dev.portcullis.spring.boot.metrics.PortcullisMetricsAutoConfiguration} puts the
 * gateway's meters on the application's registry when gateway-micrometer is on the classpath.
 *
 * <pre>{@code
 * portcullis.metrics.enabled=false   # to leave them out
 * }</pre>
 */
package dev.portcullis.spring.boot.metrics;
