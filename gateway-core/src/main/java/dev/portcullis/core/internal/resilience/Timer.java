package dev.portcullis.core.internal.resilience;

import java.time.Duration;

/**
 * Time for the resilience mechanisms: a monotonic clock and delayed tasks. The gateway's is a
 * {@link SchedulerTimer} with one daemon thread; tests use a manual one and move time themselves. Tasks must be quick
 * and never block: they start asynchronous work (a health check, a retry) and return.
 */
public interface Timer {

    /** @return monotonic nanoseconds, as {@link System#nanoTime()} */
    long nanoTime();

    /**
     * @param task what to run
     * @param delay how long from now
     * @return an action that cancels the task if it has not run. A closed timer runs the task at once instead
     */
    Runnable schedule(Runnable task, Duration delay);
}
