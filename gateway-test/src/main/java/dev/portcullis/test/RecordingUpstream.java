package dev.portcullis.test;

import dev.portcullis.test.internal.RawHttpServer;
import dev.portcullis.test.internal.Received;
import dev.portcullis.test.internal.Reply;
import dev.portcullis.test.internal.Responder;
import dev.portcullis.test.internal.Scope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real HTTP/1.1 upstream for tests, on {@code 127.0.0.1} and a free port: it records every request it receives
 * ({@link RecordedRequest}: method, raw target, headers in order, body) and answers as told ({@link Answer}: status,
 * headers, body, delay; or hang, or reset). It starts on first use ({@link #baseUri()}, {@link #port()},
 * {@link #uri(String)} or {@link #start()}).
 *
 * <p>Answers: requests take the {@linkplain #enqueue(Answer...) queued} answers first, one each in order, then the
 * standing {@linkplain #answer(Answer) answer} ({@link Answer#ok()} until changed) or {@linkplain #answer(Function)
 * answer function}. Waits are bounded: {@link #awaitRequests(int, Duration)} fails with what did arrive.
 *
 * <p>As a JUnit 5 extension ({@code @RegisterExtension}): in a {@code static} field it serves the whole class and
 * stops after it, and before each test it forgets the requests recorded and the answers queued (the standing answer
 * stays); in an instance field it serves one test. Without JUnit, {@link #close()} it.
 *
 * <p>Bounded: at most 10,000 requests are kept (the count goes on), and of each body the first 1 MiB. Thread-safe.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RecordingUpstream UPSTREAM = RecordingUpstream.create();
 *
 * UPSTREAM.answer(Answer.of(200).header("Content-Type", "application/json").body("{\"id\":7}"));
 * ... call the gateway, whose route points at UPSTREAM.baseUri() ...
 * RecordedRequest forwarded = UPSTREAM.awaitRequests(1, Duration.ofSeconds(5)).get(0);
 * assertEquals("/orders/7", forwarded.target());
 * }</pre>
 */
public final class RecordingUpstream
        implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback, AutoCloseable {
    /** The most requests kept; more are answered and counted but not kept. */
    public static final int MAX_RECORDED = 10_000;
    /** The most body bytes kept of each request. */
    public static final int MAX_BODY_BYTES = 1 << 20;
    private static final int MAX_QUEUED = 10_000;

    private final Scope scope = new Scope();
    private final Recorder recorder = new Recorder();
    private RawHttpServer server;

    private RecordingUpstream() {
    }

    /** @return an upstream, not started yet: it starts on first use */
    public static RecordingUpstream create() {
        return new RecordingUpstream();
    }

    /**
     * Starts the upstream if it is not running; after {@link #close()}, a new one starts on a new port.
     *
     * @return this upstream
     * @throws UncheckedIOException if it cannot bind
     */
    public synchronized RecordingUpstream start() {
        if (server == null) {
            try {
                server = RawHttpServer.start(recorder, MAX_BODY_BYTES);
            } catch (IOException e) {
                throw new UncheckedIOException("the recording upstream could not bind on 127.0.0.1", e);
            }
        }
        return this;
    }

    /** @return the port on {@code 127.0.0.1}, starting the upstream if needed */
    public synchronized int port() {
        return start().server.port();
    }

    /** @return {@code http://127.0.0.1:<port>}, for a route's upstream; starts the upstream if needed */
    public String baseUri() {
        return "http://127.0.0.1:" + port();
    }

    /**
     * @param rawPathAndQuery a path such as {@code /jwks.json}
     * @return its URI on this upstream, which starts if needed
     */
    public URI uri(String rawPathAndQuery) {
        if (!rawPathAndQuery.startsWith("/")) {
            throw new IllegalArgumentException("rawPathAndQuery must start with '/': " + rawPathAndQuery);
        }
        return URI.create(baseUri() + rawPathAndQuery);
    }

    /** @param answer the answer to every request that finds no queued answer, from now on */
    public void answer(Answer answer) {
        Objects.requireNonNull(answer, "answer");
        answer(request -> answer);
    }

    /**
     * @param answers decides the answer to each request that finds no queued answer, from now on; called on the
     *     upstream's connection thread (if it throws or returns null, the request gets a 500)
     */
    public void answer(Function<RecordedRequest, Answer> answers) {
        recorder.standing(Objects.requireNonNull(answers, "answers"));
    }

    /**
     * @param answers the answers to the next requests, one each, in order, before the standing answer
     * @throws IllegalStateException if more than 10,000 answers would be queued
     */
    public void enqueue(Answer... answers) {
        for (Answer answer : answers) {
            recorder.enqueue(Objects.requireNonNull(answer, "answer"));
        }
    }

    /**
     * Waits until at least {@code count} requests have been recorded since the upstream was created (or since
     * {@link #clear()}).
     *
     * @param count how many, 1 to {@link #MAX_RECORDED}
     * @param timeout the longest wait
     * @return the first {@code count} requests, in the order they arrived
     * @throws AssertionError if fewer arrived in time, listing those that did
     * @throws InterruptedException if interrupted while waiting
     */
    public List<RecordedRequest> awaitRequests(int count, Duration timeout) throws InterruptedException {
        if (count < 1 || count > MAX_RECORDED) {
            throw new IllegalArgumentException("count: 1 to " + MAX_RECORDED + ", got " + count);
        }
        return recorder.await(count, timeout);
    }

    /** @return the requests recorded so far, in the order they arrived (at most {@link #MAX_RECORDED}) */
    public List<RecordedRequest> requests() {
        return recorder.requests();
    }

    /** @return how many requests arrived so far, kept or not */
    public int requestCount() {
        return recorder.count();
    }

    /** Forgets the requests recorded and the answers queued; the standing answer stays. */
    public void clear() {
        recorder.clear();
    }

    /** {@link #clear()}, and the standing answer is {@link Answer#ok()} again. */
    public void reset() {
        recorder.clear();
        answer(Answer.ok());
    }

    /** Stops the upstream: connections close, hanging and delayed answers end. Recordings stay readable. */
    @Override
    public void close() {
        RawHttpServer stopping;
        synchronized (this) {
            stopping = server;
            server = null;
        }
        if (stopping != null) {
            stopping.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        scope.classStarted();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        clear();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (scope.testEnded()) {
            close();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (scope.classEnded()) {
            close();
        }
    }

    @Override
    public String toString() {
        RawHttpServer running;
        synchronized (this) {
            running = server;
        }
        return "RecordingUpstream[" + (running == null ? "not running" : "127.0.0.1:" + running.port()) + ", "
                + recorder.count() + " requests]";
    }

    /** The upstream's state: recorded requests, queued and standing answers, refusals. Guarded by its monitor. */
    private static final class Recorder implements Responder {
        private final List<RecordedRequest> recorded = new ArrayList<>();
        private final Deque<Answer> queued = new ArrayDeque<>();
        private final List<String> refusals = new ArrayList<>();
        private Function<RecordedRequest, Answer> standing = request -> Answer.ok();
        private int count;

        @Override
        public synchronized void record(Received request) {
            count++;
            if (recorded.size() < MAX_RECORDED) {
                recorded.add(new RecordedRequest(request));
            }
            notifyAll();
        }

        @Override
        public Reply reply(Received request) {
            Function<RecordedRequest, Answer> answers;
            synchronized (this) {
                Answer next = queued.poll();
                if (next != null) {
                    return next.reply();
                }
                answers = standing;
            }
            try {
                return Objects.requireNonNull(answers.apply(new RecordedRequest(request)), "no answer").reply();
            } catch (RuntimeException e) {
                return Answer.of(500).header("Content-Type", "text/plain; charset=utf-8")
                        .body("the test's answer function failed: " + e).reply();
            }
        }

        @Override
        public synchronized void refused(String reason) {
            if (refusals.size() < 100) {
                refusals.add(reason);
            }
        }

        synchronized void standing(Function<RecordedRequest, Answer> answers) {
            standing = answers;
        }

        synchronized void enqueue(Answer answer) {
            if (queued.size() >= MAX_QUEUED) {
                throw new IllegalStateException("more than " + MAX_QUEUED + " answers queued");
            }
            queued.add(answer);
        }

        synchronized List<RecordedRequest> await(int wanted, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            for (long left = timeout.toNanos(); recorded.size() < wanted && left > 0;
                    left = deadline - System.nanoTime()) {
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            if (recorded.size() < wanted) {
                throw new AssertionError("the upstream received " + recorded.size() + " of " + wanted
                        + " requests within " + timeout + ": " + recorded
                        + (refusals.isEmpty() ? "" : "; it refused malformed ones: " + refusals));
            }
            return List.copyOf(recorded.subList(0, wanted));
        }

        synchronized List<RecordedRequest> requests() {
            return List.copyOf(recorded);
        }

        synchronized int count() {
            return count;
        }

        synchronized void clear() {
            recorded.clear();
            queued.clear();
            refusals.clear();
            count = 0;
        }
    }
}
