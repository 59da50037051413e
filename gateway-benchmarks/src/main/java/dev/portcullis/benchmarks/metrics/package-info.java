/** The cost of the Micrometer metrics listener per exchange. */
package dev.portcullis.benchmarks.metrics;
