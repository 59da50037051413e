package dev.portcullis.api;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Flow;

/**
 * A message body: a stream of bytes delivered with back-pressure, plus its length when known.
 *
 * <p>A body is a {@link Flow.Publisher} of {@link ByteBuffer}s. A streamed body (the client's upload, the upstream's
 * download) may be subscribed to <em>once</em>; a second subscriber receives {@code onError}. A buffer passed to
 * {@code onNext} is handed over, as in the JDK's HTTP client: the publisher never reads, changes or reuses it
 * afterwards, so a subscriber may keep it (to write it when the network is ready) without copying. A publisher
 * that reads into pooled memory copies out of the pool before {@code onNext}. Bodies made by {@link #of(byte[])} can
 * be subscribed to any number of times; they hand out read-only views of one array.
 *
 * <p>Nothing reads a body until somebody subscribes, so an interceptor that only looks at headers costs no I/O. An
 * interceptor that must see the bytes (schema validation) buffers them up to a cap it chooses and passes a new
 * request with {@link #of(byte[])} down the chain. One that only watches or guards the stream on its way (counts,
 * caps, times it) wraps it in a {@link ForwardingBody}.
 *
 * <pre>{@code
 * GatewayResponse.builder(200).body(Body.of("{\"ok\":true}")).header("Content-Type", "application/json").build();
 * }</pre>
 */
public interface Body extends Flow.Publisher<ByteBuffer> {

    /**
     * @return the number of bytes this body will deliver, or {@code -1} when unknown (a chunked stream)
     */
    long contentLength();

    /** @return the body with no bytes */
    static Body empty() {
        return BytesBody.EMPTY;
    }

    /**
     * @param bytes the content; not copied, so do not change it afterwards
     * @return a replayable body of exactly these bytes
     */
    static Body of(byte[] bytes) {
        return bytes.length == 0 ? BytesBody.EMPTY : new BytesBody(bytes);
    }

    /**
     * @param text the content
     * @return a replayable body of the UTF-8 bytes of {@code text}
     */
    static Body of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A body that fails every subscriber at once: {@code onSubscribe} with a subscription that ignores demand, then
     * {@code onError(failure)}. Useful for a body that cannot be read (subscribed twice, over its cap before the
     * first byte).
     *
     * @param failure what every subscriber receives
     * @param contentLength the length to report
     * @return the failing body
     */
    static Body failed(Throwable failure, long contentLength) {
        return new FailedBody(failure, contentLength);
    }
}
