/**
 * Benchmarks of the rate limiter: the per-request cost of a local-bucket decision through the pipeline, alone and
 * with threads contending for one bucket. Run: {@code bench/jmh.sh RateLimit -f 1 -wi 3 -i 5 -w 1 -r 1}.
 */
package dev.portcullis.benchmarks.ratelimit;
