package dev.portcullis.test;

import dev.portcullis.api.HttpHeaders;
import dev.portcullis.test.internal.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link RecordingUpstream} does with a request it received: respond (a status, headers in the order given, a
 * body, optionally after a delay), {@linkplain #hang() hang} (never answer: the connection stays open until the
 * upstream closes), or {@linkplain #reset() reset} the connection (a TCP RST, no response byte). Immutable: every
 * method returns a new answer.
 *
 * <p>Headers are sent exactly as given. Unless they include {@code Content-Length} or {@code Transfer-Encoding}, the
 * upstream adds {@code Content-Length} for the body (not for 1xx, 204 and 304, which have none); a body is never sent
 * to a {@code HEAD}. A {@code Content-Length} that does not match the body is how a test makes a malformed upstream
 * response.
 *
 * <pre>{@code
 * upstream.answer(Answer.of(201).header("Location", "/orders/7").body("{\"id\":7}"));
 * upstream.enqueue(Answer.ok().delay(Duration.ofSeconds(3)), Answer.hang(), Answer.reset());
 * }</pre>
 */
public final class Answer {
    private static final byte[] NO_BODY = new byte[0];
    private static final Answer OK = of(200);
    private static final Answer HANG = new Answer(new Reply(Reply.Kind.HANG, 0, HttpHeaders.empty(), NO_BODY,
            Duration.ZERO));
    private static final Answer RESET = new Answer(new Reply(Reply.Kind.RESET, 0, HttpHeaders.empty(), NO_BODY,
            Duration.ZERO));

    private final Reply reply;

    private Answer(Reply reply) {
        this.reply = reply;
    }

    /** @return 200 with no headers and an empty body: what the upstream answers unless told otherwise */
    public static Answer ok() {
        return OK;
    }

    /**
     * @param status the status, 100 to 999
     * @return that status with no headers and an empty body
     */
    public static Answer of(int status) {
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("status: 100 to 999, got " + status);
        }
        return new Answer(new Reply(Reply.Kind.RESPOND, status, HttpHeaders.empty(), NO_BODY, Duration.ZERO));
    }

    /** @return an answer that never comes: the connection stays open, silent, until the upstream closes */
    public static Answer hang() {
        return HANG;
    }

    /**
     * @return a reset of the connection (TCP RST) instead of a response, as a crashing upstream gives. The JDK upstream
     *     client retries an idempotent request (a GET) once on a new connection, so to make the gateway answer 502 to
     *     one, enqueue two resets
     */
    public static Answer reset() {
        return RESET;
    }

    /**
     * @param name a header name, sent with this spelling
     * @param value its value, sent after earlier values of the name
     * @return a copy with the header
     * @throws IllegalStateException if this answer does not respond
     */
    public Answer header(String name, String value) {
        requireResponse("header");
        return with(reply.headers().toBuilder().add(name, value).build(), reply.body(), reply.delay());
    }

    /** @param text the body, as UTF-8 @return a copy with that body */
    public Answer body(String text) {
        return body(Objects.requireNonNull(text, "body").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param bytes the body (copied)
     * @return a copy with that body
     * @throws IllegalStateException if this answer does not respond
     */
    public Answer body(byte[] bytes) {
        requireResponse("body");
        return with(reply.headers(), Objects.requireNonNull(bytes, "body").clone(), reply.delay());
    }

    /**
     * @param delay how long to wait, once the request is read, before responding or resetting; closing the upstream
     *     cuts the wait short
     * @return a copy with the delay
     * @throws IllegalStateException for {@link #hang()}, which never comes anyway
     */
    public Answer delay(Duration delay) {
        if (Objects.requireNonNull(delay, "delay").isNegative()) {
            throw new IllegalArgumentException("delay: not negative, got " + delay);
        }
        if (reply.kind() == Reply.Kind.HANG) {
            throw new IllegalStateException("delay: a hanging answer never comes, so it has no delay");
        }
        return with(reply.headers(), reply.body(), delay);
    }

    Reply reply() {
        return reply;
    }

    private Answer with(HttpHeaders headers, byte[] body, Duration delay) {
        return new Answer(new Reply(reply.kind(), reply.status(), headers, body, delay));
    }

    private void requireResponse(String what) {
        if (reply.kind() != Reply.Kind.RESPOND) {
            throw new IllegalStateException(what + ": only an answer that responds has one, not " + this);
        }
    }

    @Override
    public String toString() {
        String what = reply.kind() == Reply.Kind.RESPOND
                ? reply.status() + " with " + reply.body().length + " body bytes" : reply.kind().name().toLowerCase(java.util.Locale.ROOT);
        return "Answer[" + what + (reply.delay().isZero() ? "" : " after " + reply.delay()) + ']';
    }
}
