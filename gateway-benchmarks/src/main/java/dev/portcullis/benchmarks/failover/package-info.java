/**
 * The bounded failover scenario run by {@code bench/failover.sh}: a route over three upstream instances under steady
 * load, one instance killed mid-run, with and without resilience; it prints error rates and latencies. Not a test.
 */
package dev.portcullis.benchmarks.failover;
