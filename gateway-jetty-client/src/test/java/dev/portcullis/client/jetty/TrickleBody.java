package dev.portcullis.client.jetty;

import dev.portcullis.api.Body;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * A chunked request body the test paces: two chunks at once, the third and the end only after {@link #finish()}.
 * (Jetty's client holds a first chunk until it has seen whether a second follows, so one early chunk is not enough
 * to start an upload on the wire.)
 */
final class TrickleBody implements Body {
    private final CompletableFuture<Flow.Subscriber<? super ByteBuffer>> subscriber = new CompletableFuture<>();
    private long demand;
    private int sent;
    private boolean finishing;

    @Override
    public long contentLength() {
        return -1;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> s) {
        s.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                synchronized (TrickleBody.this) {
                    demand += n;
                }
                pump();
            }

            @Override
            public void cancel() {
            }
        });
        subscriber.complete(s);
        pump();
    }

    /** Lets the last chunk and the end of the body go. */
    void finish() {
        synchronized (this) {
            finishing = true;
        }
        pump();
    }

    private void pump() {
        Flow.Subscriber<? super ByteBuffer> s = subscriber.getNow(null);
        if (s == null) {
            return;
        }
        ByteBuffer next = null;
        boolean complete = false;
        synchronized (this) {
            if (demand > 0 && (sent < 2 || (sent == 2 && finishing))) {
                demand--;
                next = ByteBuffer.wrap(("chunk " + sent + "\n").getBytes(StandardCharsets.US_ASCII));
                sent++;
                complete = sent == 3;
            }
        }
        if (next != null) {
            s.onNext(next);
        }
        if (complete) {
            s.onComplete();
        }
    }
}
