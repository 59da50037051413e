package dev.portcullis.core.client;

import dev.portcullis.api.Body;
import dev.portcullis.api.ForwardingBody;
import dev.portcullis.api.ForwardingSubscriber;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;

/**
 * A request body that runs a callback once its last byte has been handed to the client (its {@code onComplete}), so
 * the response-header timeout can start when the upload ends rather than when it begins.
 */
final class SentSignalBody extends ForwardingBody {
    private final Runnable sent;

    SentSignalBody(Body body, Runnable sent) {
        super(body);
        this.sent = sent;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        source().subscribe(new ForwardingSubscriber(subscriber) {
            @Override
            public void onComplete() {
                super.onComplete();
                sent.run();
            }
        });
    }
}
