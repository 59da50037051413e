package dev.portcullis.core.internal.resilience;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's resilience scheduler: one daemon thread, started with the first task, that runs health checks,
 * ejection ends and retry backoffs. A task that throws is logged and does not stop the others. After
 * {@link #close()} scheduled tasks never run and a new task runs at once on the caller's thread, so work that waits
 * for it (a retry of a request still in flight) ends instead of waiting forever; the closed parts it meets stop it.
 */
public final class SchedulerTimer implements Timer, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SchedulerTimer.class);
    private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
        Thread thread = new Thread(task, "portcullis-resilience");
        thread.setDaemon(true);
        return thread;
    });

    /** A timer whose thread starts with the first task. */
    public SchedulerTimer() {
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Runnable schedule(Runnable task, Duration delay) {
        try {
            Future<?> future = executor.schedule(() -> runLogged(task), delay.toNanos(), TimeUnit.NANOSECONDS);
            return () -> future.cancel(false);
        } catch (RejectedExecutionException closed) {
            runLogged(task);
            return () -> { };
        }
    }

    private static void runLogged(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.error("a resilience task failed", e);
        }
    }

    /** Stops the thread; scheduled tasks never run. */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
