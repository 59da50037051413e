package dev.portcullis.servlet.internal;

import java.util.concurrent.Flow;

/** Small shared subscription values. */
public final class Subscriptions {
    /** A subscription that ignores demand and cancellation, for subscribers that are failed at once. */
    public static final Flow.Subscription NOOP = new Flow.Subscription() {
        @Override
        public void request(long n) {
        }

        @Override
        public void cancel() {
        }
    };

    private Subscriptions() {
    }
}
