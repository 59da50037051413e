package dev.portcullis.core.testing;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.simple.SimpleServiceProvider;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J binding of the core and servlet tests (set with {@code -Dslf4j.provider=} in their surefire
 * configuration): slf4j-simple prints as before, every logger is a {@link RecordingLogger}, and the MDC is a real
 * one, per thread and not inherited by new threads, as Logback's (slf4j-simple's own MDC does nothing). A test that
 * wants the lines written meanwhile by the loggers under a name, on every thread and at every level, opens a
 * {@link #capture(String)}.
 *
 * <pre>{@code
 * try (RecordingSlf4jProvider.Capture capture = RecordingSlf4jProvider.capture("dev.portcullis")) {
 *     ...
 *     assertTrue(capture.lines().stream().anyMatch(line -> line.logger().equals("dev.portcullis.access")));
 * }
 * }</pre>
 */
public final class RecordingSlf4jProvider implements SLF4JServiceProvider {
    private static final List<Capture> CAPTURES = new CopyOnWriteArrayList<>();
    private final SimpleServiceProvider simple = new SimpleServiceProvider();
    private final Map<String, RecordingLogger> loggers = new ConcurrentHashMap<>();
    private final MDCAdapter mdc = new PerThreadMdc();
    private final IMarkerFactory markers = new BasicMarkerFactory();

    /**
     * @param loggerPrefix the start of the names of the loggers whose lines are captured, e.g. {@code dev.portcullis}
     * @return a capture of their lines, at every level, until it is closed
     */
    public static Capture capture(String loggerPrefix) {
        Capture capture = new Capture(loggerPrefix);
        CAPTURES.add(capture);
        return capture;
    }

    /** The lines written while it is open. */
    public static final class Capture implements AutoCloseable {
        private final String prefix;
        private final List<RecordingLogger.Line> lines = new CopyOnWriteArrayList<>();

        private Capture(String prefix) {
            this.prefix = prefix;
        }

        private boolean covers(String logger) {
            return logger.startsWith(prefix);
        }

        /** @return the lines captured so far, in the order written */
        public List<RecordingLogger.Line> lines() {
            return List.copyOf(lines);
        }

        /** @return the lines of one logger */
        public List<RecordingLogger.Line> of(String logger) {
            return lines.stream().filter(line -> line.logger().equals(logger)).toList();
        }

        @Override
        public void close() {
            CAPTURES.remove(this);
        }
    }

    @Override
    public void initialize() {
        simple.initialize();
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return name -> loggers.computeIfAbsent(name, n -> new RecordingLogger(n, simple.getLoggerFactory().getLogger(n),
                line -> CAPTURES.stream().filter(capture -> capture.covers(n)).forEach(c -> c.lines.add(line)),
                () -> CAPTURES.stream().anyMatch(capture -> capture.covers(n))));
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    /** An MDC per thread that new threads do not inherit. */
    private static final class PerThreadMdc implements MDCAdapter {
        private final ThreadLocal<Map<String, String>> map = ThreadLocal.withInitial(HashMap::new);
        private final ThreadLocal<Map<String, Deque<String>>> stacks = ThreadLocal.withInitial(HashMap::new);

        @Override
        public void put(String key, String value) {
            map.get().put(key, value);
        }

        @Override
        public String get(String key) {
            return map.get().get(key);
        }

        @Override
        public void remove(String key) {
            map.get().remove(key);
        }

        @Override
        public void clear() {
            map.get().clear();
        }

        @Override
        public Map<String, String> getCopyOfContextMap() {
            return new HashMap<>(map.get());
        }

        @Override
        public void setContextMap(Map<String, String> context) {
            map.set(new HashMap<>(context));
        }

        @Override
        public void pushByKey(String key, String value) {
            stacks.get().computeIfAbsent(key, k -> new ArrayDeque<>()).push(value);
        }

        @Override
        public String popByKey(String key) {
            Deque<String> stack = stacks.get().get(key);
            return stack == null ? null : stack.poll();
        }

        @Override
        public Deque<String> getCopyOfDequeByKey(String key) {
            Deque<String> stack = stacks.get().get(key);
            return stack == null ? null : new ArrayDeque<>(stack);
        }

        @Override
        public void clearDequeByKey(String key) {
            stacks.get().remove(key);
        }
    }
}
