/**
 * JMH benchmarks of loading and reloading a configuration file ({@code gateway-config}).
 *
 * <pre>{@code
 * bench/jmh.sh ConfigLoad -f 1 -wi 3 -i 5 -w 1 -r 1
 * }</pre>
 */
package dev.portcullis.benchmarks.config;
