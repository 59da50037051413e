package dev.portcullis.benchmarks.proxy;

import dev.portcullis.core.accesslog.AccessLogEntry;
import dev.portcullis.core.accesslog.AccessLogFormat;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What the access log's writer thread spends on one entry before the logging backend sees it: formatting the entry
 * of {@link ProxyOverheadBenchmark}'s proxied request as the default text line or as JSON. Together with what the
 * request thread pays ({@code ProxyOverheadBenchmark} with {@code accessLog=text}), this is the CPU an entry costs.
 *
 * <pre>{@code
 * bench/jmh.sh AccessLogFormat -f 1 -wi 3 -i 5 -w 1 -r 1 -prof gc
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AccessLogFormatBenchmark {
    private AccessLogEntry entry;

    /** Catches one real entry, once per trial. */
    @Setup
    public void setUp() {
        entry = ProxyOverheadBenchmark.oneEntry(ProxyOverheadBenchmark.answersAtOnce());
    }

    /** @return the entry as the default text line */
    @Benchmark
    public String text() {
        return AccessLogFormat.text().format(entry);
    }

    /** @return the entry as JSON */
    @Benchmark
    public String json() {
        return AccessLogFormat.json().format(entry);
    }
}
