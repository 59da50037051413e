package dev.portcullis.benchmarks.failover;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The requests of one run, as their clients saw them, split into three phases by when each started: before the
 * kill, during the {@value #DURING_SECONDS} s after it, and after that. Thread-safe.
 */
final class Samples {
    /** How long after the kill a request counts as "during". */
    static final int DURING_SECONDS = 5;

    private final long killNanos;
    private final List<long[]> before = new ArrayList<>();
    private final List<long[]> during = new ArrayList<>();
    private final List<long[]> after = new ArrayList<>();

    /** @param killNanos when the instance is killed, counted from the run's start */
    Samples(long killNanos) {
        this.killNanos = killNanos;
    }

    /**
     * @param startNanos when the request started, counted from the run's start
     * @param latencyNanos how long until its whole answer arrived (or it failed)
     * @param ok whether it was answered 200
     */
    synchronized void add(long startNanos, long latencyNanos, boolean ok) {
        long[] sample = {latencyNanos, ok ? 0 : 1};
        if (startNanos < killNanos) {
            before.add(sample);
        } else if (startNanos < killNanos + DURING_SECONDS * 1_000_000_000L) {
            during.add(sample);
        } else {
            after.add(sample);
        }
    }

    /** @return one line per phase: requests, error rate, p50 and p99 */
    synchronized String report() {
        return line("before the kill", before) + line("0-" + DURING_SECONDS + " s after", during)
                + line("after that", after);
    }

    private static String line(String phase, List<long[]> samples) {
        long errors = samples.stream().filter(sample -> sample[1] == 1).count();
        long[] sorted = samples.stream().mapToLong(sample -> sample[0]).sorted().toArray();
        return String.format(Locale.ROOT, "  %-16s %7d requests  errors %6.2f %%  p50 %7.2f ms  p99 %8.2f ms%n",
                phase, samples.size(), samples.isEmpty() ? 0.0 : 100.0 * errors / samples.size(),
                percentile(sorted, 50), percentile(sorted, 99));
    }

    private static double percentile(long[] sorted, int percent) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }
}
