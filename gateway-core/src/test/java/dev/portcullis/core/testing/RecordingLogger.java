package dev.portcullis.core.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.MDC;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * An SLF4J logger that records every line it writes with the MDC in place at the time and the writing thread.
 * Standing alone it keeps them in {@link #lines}, writes INFO and above unless {@linkplain #enabled switched off},
 * and {@link #holdWrites()} makes writes wait until {@link #releaseWrites()}: a logging backend stuck on a full disk.
 * Made by {@link RecordingSlf4jProvider}, it hands each line to the open captures, at every level while one is open,
 * and passes it to slf4j-simple when that prints the level, so tests still print what they did.
 */
public final class RecordingLogger extends LegacyAbstractLogger {
    /** One line as written. */
    public record Line(String logger, Level level, String message, Map<String, String> mdc, String thread) {
    }

    public final List<Line> lines = new CopyOnWriteArrayList<>();
    private final Logger delegate;
    private final Consumer<Line> captures;
    private final BooleanSupplier capturing;
    private volatile boolean enabled = true;
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private final CountDownLatch firstWrite = new CountDownLatch(1);

    /** @param name a logger of its own, keeping its lines in {@link #lines} */
    public RecordingLogger(String name) {
        this(name, null, line -> { }, () -> false);
    }

    RecordingLogger(String name, Logger delegate, Consumer<Line> captures, BooleanSupplier capturing) {
        this.name = name;
        this.delegate = delegate;
        this.captures = captures;
        this.capturing = capturing;
    }

    /** @param on whether INFO and above are enabled */
    public void enabled(boolean on) {
        enabled = on;
    }

    /** Makes writes wait until {@link #releaseWrites()}. */
    public void holdWrites() {
        gate = new CountDownLatch(1);
    }

    /** Lets held and later writes through. */
    public void releaseWrites() {
        gate.countDown();
    }

    /** @return whether a write began (and, while held, waits) within 10 s */
    public boolean awaitFirstWrite() throws InterruptedException {
        return firstWrite.await(10, TimeUnit.SECONDS);
    }

    /** @return the messages written so far */
    public List<String> messages() {
        return lines.stream().map(Line::message).toList();
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, org.slf4j.Marker marker, String pattern, Object[] arguments,
                                               Throwable throwable) {
        firstWrite.countDown();
        try {
            gate.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Map<String, String> mdc = MDC.getCopyOfContextMap();
        Line line = new Line(name, level, MessageFormatter.basicArrayFormat(pattern, arguments),
                mdc == null ? Map.of() : Map.copyOf(mdc), Thread.currentThread().getName());
        if (delegate == null) {
            lines.add(line);
            return;
        }
        captures.accept(line);
        if (delegate.isEnabledForLevel(level)) {
            delegate.atLevel(level).setCause(throwable).log(line.message());
        }
    }

    private boolean enabled(Level level) {
        return delegate == null ? enabled && level.toInt() >= Level.INFO.toInt()
                : capturing.getAsBoolean() || delegate.isEnabledForLevel(level);
    }

    @Override
    public boolean isTraceEnabled() {
        return enabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return enabled(Level.ERROR);
    }
}
