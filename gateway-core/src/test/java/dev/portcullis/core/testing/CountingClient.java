package dev.portcullis.core.testing;

import dev.portcullis.core.client.UpstreamClient;
import dev.portcullis.core.client.UpstreamClientProvider;
import dev.portcullis.core.client.UpstreamRequest;
import dev.portcullis.core.client.UpstreamResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An upstream client for gateways whose requests never reach it: fails every exchange, counts its exchanges and closes and notes
 * the thread that closed it.
 */
public final class CountingClient implements UpstreamClient {
    private final AtomicInteger closes = new AtomicInteger();
    private final AtomicInteger exchanges = new AtomicInteger();
    private volatile Thread closedBy;

    @Override
    public CompletableFuture<UpstreamResponse> exchange(UpstreamRequest request) {
        exchanges.incrementAndGet();
        return CompletableFuture.failedFuture(new IllegalStateException("not routed"));
    }

    @Override
    public void close() {
        closedBy = Thread.currentThread();
        closes.incrementAndGet();
    }

    /**
     * @param priority the provider's priority
     * @return a provider whose every {@code create()} returns this client
     */
    public UpstreamClientProvider provider(int priority) {
        CountingClient client = this;
        return new UpstreamClientProvider() {
            @Override
            public UpstreamClient create() {
                return client;
            }

            @Override
            public int priority() {
                return priority;
            }
        };
    }

    /** @return the thread that last closed this client, or null */
    public Thread closedBy() {
        return closedBy;
    }

    /** @return how many exchanges were asked of it */
    public int exchanges() {
        return exchanges.get();
    }

    /** @return how often {@link #close()} was called */
    public int closes() {
        return closes.get();
    }
}
