/**
 * Container tests of upstream resilience: the real {@code GatewayFilter} in embedded Jetty 12 and Tomcat 11 in front
 * of {@link dev.portcullis.servlet.it.resilience.MisbehavingUpstream}s that refuse, reset, hang, answer late, fail
 * half the time or close pooled connections. {@link dev.portcullis.servlet.it.resilience.ResilienceContract} holds
 * what depends on the upstream client and runs once per client.
 */
package dev.portcullis.servlet.it.resilience;
