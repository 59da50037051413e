package dev.portcullis.core.testing;

import dev.portcullis.api.Body;
import dev.portcullis.api.HttpHeaders;
import dev.portcullis.api.validation.BodyLimits;
import dev.portcullis.core.client.UpstreamClient;
import dev.portcullis.core.client.UpstreamRequest;
import dev.portcullis.core.client.UpstreamResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

/**
 * An upstream client standing in for a real one: it reads the whole request body, as an upstream would, then answers
 * every request with one status and body, or fails it, on the thread its executor chooses; it keeps what it was
 * sent.
 */
public final class FixedUpstreamClient implements UpstreamClient {
    public final List<UpstreamRequest> sent = new CopyOnWriteArrayList<>();
    private final int status;
    private final String body;
    private final Throwable failure;
    private final Executor executor;

    private FixedUpstreamClient(int status, String body, Throwable failure, Executor executor) {
        this.status = status;
        this.body = body;
        this.failure = failure;
        this.executor = executor;
    }

    /** @return a client answering {@code status} with {@code body} on the calling thread */
    public static FixedUpstreamClient answering(int status, String body) {
        return new FixedUpstreamClient(status, body, null, Runnable::run);
    }

    /** @return a client failing every exchange with {@code failure} */
    public static FixedUpstreamClient failing(Throwable failure) {
        return new FixedUpstreamClient(0, null, failure, Runnable::run);
    }

    /** @return this client answering on {@code executor}'s threads, as a real client's callbacks do */
    public FixedUpstreamClient completingOn(Executor executor) {
        return new FixedUpstreamClient(status, body, failure, executor);
    }

    @Override
    public CompletableFuture<UpstreamResponse> exchange(UpstreamRequest request) {
        sent.add(request);
        CompletableFuture<UpstreamResponse> answer = new CompletableFuture<>();
        BodyLimits.collect(request.body(), Long.MAX_VALUE).whenComplete((bytes, error) -> executor.execute(() -> {
            if (failure != null) {
                answer.completeExceptionally(failure);
            } else {
                answer.complete(new UpstreamResponse(status, HttpHeaders.empty(), Body.of(body)));
            }
        }));
        return answer;
    }

    @Override
    public void close() {
    }
}
