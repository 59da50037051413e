package dev.portcullis.core.internal.proxy;

import dev.portcullis.api.HttpHeaders;
import dev.portcullis.api.validation.BodyLimits;
import dev.portcullis.core.client.UpstreamClient;
import dev.portcullis.core.client.UpstreamRequest;
import dev.portcullis.core.client.UpstreamResponse;
import dev.portcullis.core.testing.IdleBody;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An upstream client that answers from a script per host: each request takes the next step of its host's script
 * (the last step repeats), and every request and the body bytes it read are recorded.
 */
final class ScriptedClient implements UpstreamClient {
    /** One scripted answer. */
    @FunctionalInterface
    interface Step {
        CompletableFuture<UpstreamResponse> answer(UpstreamRequest request, ScriptedClient client);
    }

    static final Step REFUSE = (request, client) -> CompletableFuture.failedFuture(new ConnectException("refused"));
    static final Step HANG = (request, client) -> new CompletableFuture<>();
    static final Step TIME_OUT = (request, client) -> CompletableFuture.failedFuture(new HttpTimeoutException("slow"));
    /** Reads the whole body, then the connection is reset before any response byte. */
    static final Step READ_THEN_RESET = (request, client) -> client.read(request)
            .thenCompose(bytes -> CompletableFuture.failedFuture(new IOException("Connection reset")));

    /**
     * Reads the declared length of the body and cancels the rest, as the Jetty client does, then the connection is
     * reset before any response byte.
     */
    static final Step READ_LENGTH_THEN_RESET = (request, client) -> {
        CompletableFuture<UpstreamResponse> reset = new CompletableFuture<>();
        request.body().subscribe(new Flow.Subscriber<ByteBuffer>() {
            private Flow.Subscription subscription;
            private long read;

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                this.subscription = subscription;
                subscription.request(1);
            }

            @Override
            public void onNext(ByteBuffer item) {
                read += item.remaining();
                if (read < request.body().contentLength()) {
                    subscription.request(1);
                    return;
                }
                subscription.cancel();
                reset.completeExceptionally(new IOException("Connection reset"));
            }

            @Override
            public void onError(Throwable failure) {
                reset.completeExceptionally(failure);
            }

            @Override
            public void onComplete() {
                reset.completeExceptionally(new IOException("Connection reset"));
            }
        });
        return reset;
    };

    final List<UpstreamRequest> sent = new ArrayList<>();
    final List<String> bodiesRead = new ArrayList<>();
    final AtomicInteger responseBodiesCancelled = new AtomicInteger();
    private final Map<String, Deque<Step>> scripts = new ConcurrentHashMap<>();

    static Step status(int status) {
        return (request, client) -> client.read(request).thenApply(bytes -> new UpstreamResponse(status,
                HttpHeaders.builder().add("Content-Length", "2").build(), new IdleBody(client.responseBodiesCancelled, 2)));
    }

    ScriptedClient script(String host, Step... steps) {
        scripts.put(host, new ArrayDeque<>(List.of(steps)));
        return this;
    }

    synchronized List<String> hosts() {
        return sent.stream().map(request -> request.uri().getHost()).toList();
    }

    @Override
    public CompletableFuture<UpstreamResponse> exchange(UpstreamRequest request) {
        Step step;
        synchronized (this) {
            sent.add(request);
            Deque<Step> script = scripts.getOrDefault(request.uri().getHost(), new ArrayDeque<>(List.of(status(200))));
            step = script.size() > 1 ? script.poll() : script.peek();
        }
        return step.answer(request, this);
    }

    private CompletableFuture<byte[]> read(UpstreamRequest request) {
        return BodyLimits.collect(request.body(), Long.MAX_VALUE).toCompletableFuture().thenApply(bytes -> {
            synchronized (this) {
                bodiesRead.add(new String(bytes, StandardCharsets.UTF_8));
            }
            return bytes;
        });
    }

    @Override
    public void close() {
    }
}
