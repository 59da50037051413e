/**
 * JMH benchmarks of a configuration reload: building a realistic pipeline and swapping it into a running
 * {@code Gateway}. Run with {@code bench/jmh.sh Reload}.
 */
package dev.portcullis.benchmarks.reload;
