/**
 * JMH benchmarks of the request pipeline: the interceptor chain and routing, without any I/O. Run with
 * {@code bench/jmh.sh Pipeline}.
 */
package dev.portcullis.benchmarks.pipeline;
