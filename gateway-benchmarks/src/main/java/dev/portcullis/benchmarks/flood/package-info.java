/**
 * Bounded connection-load tools run by {@code bench/flood.sh}: a burst or flood of concurrent connections, a
 * slowloris attack, and a small upstream for them. They print figures; they are not tests.
 */
package dev.portcullis.benchmarks.flood;
