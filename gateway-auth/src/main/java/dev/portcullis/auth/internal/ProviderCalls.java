package dev.portcullis.auth.internal;

import dev.portcullis.api.auth.IdentityProviderCall;
import dev.portcullis.api.auth.IdentityProviderListener;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells an {@link IdentityProviderListener} about the calls to one identity provider: what kind, which provider,
 * how it went and how long it took. A listener that throws is logged and never fails the call. Thread-safe.
 */
public final class ProviderCalls {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderCalls.class);

    private final IdentityProviderListener listener;
    private final IdentityProviderCall.Kind kind;
    private final String provider;

    /**
     * @param listener hears each call
     * @param kind what is called
     * @param provider the provider's configured name
     */
    public ProviderCalls(IdentityProviderListener listener, IdentityProviderCall.Kind kind, String provider) {
        this.listener = listener;
        this.kind = kind;
        this.provider = provider;
    }

    /**
     * @param failure why a call failed
     * @return {@code TIMEOUT} when a timeout caused it, else {@code ERROR}
     */
    public static IdentityProviderCall.Outcome outcomeOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpTimeoutException) {
                return IdentityProviderCall.Outcome.TIMEOUT;
            }
        }
        return IdentityProviderCall.Outcome.ERROR;
    }

    /**
     * @param startNanos {@link System#nanoTime()} when the call was sent
     * @param outcome how it went
     */
    public void report(long startNanos, IdentityProviderCall.Outcome outcome) {
        if (listener == IdentityProviderListener.NONE) {
            return;
        }
        try {
            listener.onCall(new IdentityProviderCall(kind, provider, outcome,
                    Duration.ofNanos(System.nanoTime() - startNanos)));
        } catch (RuntimeException e) {
            LOG.warn("identity provider listener {} failed; the call is not affected", listener.getClass().getName(), e);
        }
    }
}
