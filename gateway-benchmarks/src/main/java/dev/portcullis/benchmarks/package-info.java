/**
 * JMH benchmarks of the pipeline and the standard interceptors. Run them with {@code bench/jmh.sh [regex]}; they are
 * measurements, not tests, and print their own figures.
 */
package dev.portcullis.benchmarks;
