/**
 * Benchmark baselines for the load harness ({@code bench/compare.sh}): {@link
 * dev.portcullis.examples.baseline.JettyProxyBaseline} runs Jetty 12's own transparent proxy servlet with the same
 * connector settings as the Portcullis launcher, so both can be measured against the same upstream in one run.
 * Nothing here is part of the library.
 */
package dev.portcullis.examples.baseline;
