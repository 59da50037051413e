package dev.portcullis.client.jetty;

import dev.portcullis.api.HttpHeaders;
import dev.portcullis.core.client.UpstreamRequest;
import dev.portcullis.core.client.UpstreamResponse;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * One upstream exchange on Jetty's client: builds the request, arms the response-header timer once the request has
 * been sent in full (an upload may take as long as it takes), bounds the silence between bytes by the request's
 * idle timeout, completes the future when the headers arrive (handing over the body as a {@link SourceBody}), fails it
 * with the translated failure otherwise, and aborts the request when the future is cancelled.
 */
final class JettyExchange {
    private static final String[] COMPUTED_BY_CLIENT = {"Content-Length", "Expect", "Connection", "Upgrade",
        "Transfer-Encoding", "Keep-Alive", "TE"};
    private final Request request;
    private final CompletableFuture<UpstreamResponse> future = new CompletableFuture<>();
    private final Scheduler scheduler;
    private final long responseTimeoutMillis;
    private volatile Scheduler.Task headersTimer;
    private volatile boolean headersDone;

    JettyExchange(HttpClient client, UpstreamRequest upstream) {
        this.scheduler = client.getScheduler();
        this.responseTimeoutMillis = upstream.responseTimeout().toMillis();
        this.request = client.newRequest(upstream.uri())
                .method(upstream.method())
                .version(HttpVersion.HTTP_1_1)
                .followRedirects(false)
                .idleTimeout(upstream.idleTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .headers(fields -> upstream.headers().forEach((name, value) -> {
                    if (!computedByClient(name)) {
                        fields.add(name, value);
                    }
                }));
        if (upstream.body().contentLength() != 0 || upstream.methodCarriesBody()) {
            request.body(new PublisherContent(upstream.body()));
        }
    }

    CompletableFuture<UpstreamResponse> start() {
        request.onRequestSuccess(sent -> armHeadersTimer())
                .onResponseContentSource(this::headersArrived)
                .send(result -> {
                    disarmHeadersTimer();
                    if (result.isFailed()) {
                        future.completeExceptionally(Failures.translate(result.getFailure()));
                    }
                });
        future.whenComplete((response, failure) -> {
            if (failure instanceof CancellationException) {
                request.abort(failure);
            }
        });
        return future;
    }

    private void headersArrived(Response response, Content.Source source) {
        disarmHeadersTimer();
        HttpHeaders.Builder headers = HttpHeaders.builder();
        for (HttpField field : response.getHeaders()) {
            headers.add(field.getName(), field.getValue());
        }
        long length = response.getHeaders().contains(HttpHeader.TRANSFER_ENCODING) ? -1
                : response.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        if (!future.complete(new UpstreamResponse(response.getStatus(), headers.build(),
                new SourceBody(source, length, request)))) {
            request.abort(new CancellationException("the exchange was cancelled"));
        }
    }

    private void armHeadersTimer() {
        headersTimer = scheduler.schedule(() -> {
            if (!headersDone) {
                request.abort(new HttpTimeoutException("no response headers within " + responseTimeoutMillis + " ms"));
            }
        }, responseTimeoutMillis, TimeUnit.MILLISECONDS);
    }

    private void disarmHeadersTimer() {
        headersDone = true;
        Scheduler.Task timer = headersTimer;
        if (timer != null) {
            timer.cancel();
        }
    }

    private static boolean computedByClient(String name) {
        for (String computed : COMPUTED_BY_CLIENT) {
            if (computed.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }
}
