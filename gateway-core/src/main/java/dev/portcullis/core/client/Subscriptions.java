package dev.portcullis.core.client;

import java.util.concurrent.Flow;

/** Subscription helpers shared by the filter and the proxy. */
public final class Subscriptions {
    private Subscriptions() {
    }

    /**
     * Subscribes to a body only to cancel it at once, which releases what it holds (an upstream connection).
     *
     * @param body the body nobody will read
     */
    public static void cancel(dev.portcullis.api.Body body) {
        body.subscribe(new Flow.Subscriber<java.nio.ByteBuffer>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.cancel();
            }

            @Override
            public void onNext(java.nio.ByteBuffer item) {
            }

            @Override
            public void onError(Throwable failure) {
            }

            @Override
            public void onComplete() {
            }
        });
    }
}
