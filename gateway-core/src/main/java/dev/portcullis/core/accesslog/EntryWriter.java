package dev.portcullis.core.accesslog;

import dev.portcullis.core.logging.RequestMdc;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The bounded queue between the request threads and the logging backend, and the one daemon thread that drains it:
 * request threads only {@link #offer} (never waiting: a full queue drops the entry and counts it), the writer formats
 * and logs each entry with its request's MDC entries in place, and warns, after a batch, how many entries were
 * dropped since its last warning. {@link #close()} lets it write what is queued, for at most a bounded time.
 * Thread-safe.
 */
final class EntryWriter implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(AccessLog.class);
    private static final int BATCH = 256;
    private static final long CLOSE_WAIT_MILLIS = 5_000;

    private final BlockingQueue<AccessLogEntry> queue;
    private final int capacity;
    private final Logger log;
    private final AccessLogFormat format;
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;
    private volatile boolean closed;
    private long reported;

    EntryWriter(int capacity, Logger log, AccessLogFormat format) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.capacity = capacity;
        this.log = log;
        this.format = format;
        this.thread = new Thread(this, "portcullis-access-log");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** @param entry queued for writing, or dropped and counted when the queue is full or the writer closed */
    void offer(AccessLogEntry entry) {
        if (closed || !queue.offer(entry)) {
            dropped.incrementAndGet();
        }
    }

    long dropped() {
        return dropped.get();
    }

    @Override
    public void run() {
        MDC.clear();
        List<AccessLogEntry> batch = new ArrayList<>(BATCH);
        while (!closed) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException closing) {
                continue;
            }
            queue.drainTo(batch, BATCH - 1);
            writeAll(batch);
        }
        queue.drainTo(batch);
        writeAll(batch);
    }

    private void writeAll(List<AccessLogEntry> batch) {
        for (AccessLogEntry entry : batch) {
            write(entry);
        }
        batch.clear();
        long seen = dropped.get();
        if (seen > reported) {
            LOG.warn("access log: {} entries dropped because {} were waiting to be written ({} dropped in all)",
                    seen - reported, capacity, seen);
            reported = seen;
        }
    }

    private void write(AccessLogEntry entry) {
        MDC.put(RequestMdc.REQUEST_ID, entry.requestId());
        entry.traceId().ifPresent(traceId -> MDC.put(RequestMdc.TRACE_ID, traceId));
        entry.routeId().ifPresent(routeId -> MDC.put(RequestMdc.ROUTE_ID, routeId));
        try {
            log.info(format.format(entry));
        } catch (RuntimeException e) {
            LOG.warn("access log: the entry of request {} could not be written", entry.requestId(), e);
        } finally {
            MDC.remove(RequestMdc.REQUEST_ID);
            MDC.remove(RequestMdc.TRACE_ID);
            MDC.remove(RequestMdc.ROUTE_ID);
        }
    }

    /** Stops taking entries, writes those queued, and waits for the writer a bounded time. */
    void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return whether the writer thread has ended */
    boolean stopped() {
        return !thread.isAlive();
    }
}
