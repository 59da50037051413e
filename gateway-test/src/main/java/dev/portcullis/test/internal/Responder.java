package dev.portcullis.test.internal;

/**
 * What {@link RawHttpServer} asks of its owner. Called on the connection's thread, so an implementation is
 * thread-safe and quick.
 *
 * <pre>{@code
 * Responder ok = new Responder() { ... reply(...) returns a Reply of kind RESPOND with status 200 ... };
 * }</pre>
 */
public interface Responder {

    /** @param request a request read to its end, or to where its body broke off; recorded before any answer */
    void record(Received request);

    /**
     * @param request a request whose body arrived whole
     * @return what to do with it
     */
    Reply reply(Received request);

    /** @param reason why a request head was refused with a 400 before it could be recorded */
    void refused(String reason);
}
