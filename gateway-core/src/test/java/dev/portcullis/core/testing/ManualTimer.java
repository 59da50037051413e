package dev.portcullis.core.testing;

import dev.portcullis.core.internal.resilience.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A {@link Timer} whose time moves only when a test says so; due tasks run on the test's thread, in time order. */
public final class ManualTimer implements Timer {
    private final List<Task> tasks = new ArrayList<>();
    private long now = 1_000_000_000L;
    private long sequence;

    private record Task(long due, long order, Runnable action) {
    }

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized Runnable schedule(Runnable action, Duration delay) {
        Task task = new Task(now + delay.toNanos(), sequence++, action);
        tasks.add(task);
        return () -> {
            synchronized (this) {
                tasks.remove(task);
            }
        };
    }

    /** Moves time forward, running every task that falls due on the way (also ones those tasks schedule). */
    public void advance(Duration duration) {
        long target;
        synchronized (this) {
            target = now + duration.toNanos();
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.stream().filter(task -> task.due() <= target)
                        .min(Comparator.comparingLong(Task::due).thenComparingLong(Task::order)).orElse(null);
                if (next == null) {
                    now = target;
                    return;
                }
                tasks.remove(next);
                now = Math.max(now, next.due());
            }
            next.action().run();
        }
    }

    /** @return how many tasks wait */
    public synchronized int pending() {
        return tasks.size();
    }

    /** @return the delay of the next task, from now */
    public synchronized Duration nextDelay() {
        return Duration.ofNanos(tasks.stream().mapToLong(Task::due).min().orElseThrow() - now);
    }
}
