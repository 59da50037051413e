package dev.portcullis.core.client;

import dev.portcullis.api.Body;
import dev.portcullis.api.HttpHeaders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ProtocolException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link UpstreamClient}, on the JDK's {@link HttpClient}: HTTP/1.1 pinned, redirects never followed,
 * no cookie store, no decompression, no deadline on the body as a whole but the request's idle timeout between its
 * bytes. The response-header timeout starts once the request
 * body has been handed over in full (the JDK's own {@link HttpRequest#timeout} would also count the upload, so a
 * large body on a slow link would end in a 504 although the upstream is fine). The JDK client's connect timeout is fixed per client, so one client is kept per distinct connect
 * timeout; they share one daemon thread pool that {@link #close()} shuts down. On Java 21 and later {@code close()}
 * also closes each {@link HttpClient}, which stops its selector thread once its exchanges have ended.
 *
 * <p><b>Preserving Host.</b> The JDK client refuses to send a {@code Host} header unless the system property
 * {@code jdk.httpclient.allowRestrictedHeaders} contains {@code host} when the JDK's HTTP client first initialises.
 * {@link #create()} sets it to {@code host} if it is unset and nothing has initialised the client yet. If a route
 * asks for {@code preserveHost} and the property did not take effect (set it on the command line:
 * {@code -Djdk.httpclient.allowRestrictedHeaders=host}), {@link #exchange} throws an {@link IllegalStateException}
 * that says so (a configuration error, not an upstream fault), which the gateway answers with a 500.
 *
 * <p><b>Small machines.</b> The JDK client completes every {@code sendAsync} on {@code CompletableFuture}'s default
 * executor. With fewer than 3 CPUs the common fork-join pool has parallelism 1, and that executor then starts a new
 * thread per task: a thread per proxied response. {@link #create()} logs a warning then; start the JVM with
 * {@code -Djava.util.concurrent.ForkJoinPool.common.parallelism=2} (measured 2x the throughput on 2 cores) or use
 * the Jetty client, which is faster still.
 *
 * <p><b>Bodyless requests.</b> A {@code GET}, {@code HEAD}, {@code DELETE} or {@code OPTIONS} without a body is sent
 * without any framing header from Java 19 on. Java 17 and 18 add {@code Content-Length: 0} to every request
 * (JDK-8283544) and offer no way around it; use the Jetty client there if an upstream objects.
 *
 * <p><b>TLS.</b> {@code https} upstreams are verified as {@link UpstreamTls} says: by default against the JDK's trusted
 * CAs, with host name verification on (whatever the JVM-wide {@code jdk.internal.httpclient.disableHostnameVerification}
 * property says) and SNI sent; {@link Builder#tls(UpstreamTls)} sets a trust store and a client certificate.
 *
 * <pre>{@code
 * UpstreamClient client = JdkUpstreamClient.create();
 * UpstreamClient mtls = JdkUpstreamClient.builder()
 *     .tls(UpstreamTls.builder().clientCertificate(Path.of("gateway.p12"), password).build())
 *     .build();
 * }</pre>
 */
public final class JdkUpstreamClient implements UpstreamClient {
    private static final Logger LOG = LoggerFactory.getLogger(JdkUpstreamClient.class);
    static final String RESTRICTED_HEADERS_PROPERTY = "jdk.httpclient.allowRestrictedHeaders";
    /** The property that sizes the common fork-join pool, which the JDK client's completions run on. */
    public static final String COMMON_POOL_PARALLELISM_PROPERTY = "java.util.concurrent.ForkJoinPool.common.parallelism";
    private static final Set<String> COMPUTED_BY_CLIENT = Set.of("content-length", "host", "expect", "connection",
            "upgrade", "transfer-encoding");
    private final Map<Duration, HttpClient> clients = new ConcurrentHashMap<>();
    private final ExecutorService executor;
    private final ScheduledThreadPoolExecutor deadlines;
    private final boolean hostAllowed;
    private final UpstreamTls tls;

    private JdkUpstreamClient(UpstreamTls tls) {
        this.tls = tls;
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "portcullis-upstream-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.deadlines = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "portcullis-upstream-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        this.deadlines.setRemoveOnCancelPolicy(true);
        this.hostAllowed = probeHostAllowed();
    }

    /** @return a new client with the default settings; close it when done (the filter closes only one it created) */
    public static JdkUpstreamClient create() {
        return builder().build();
    }

    /** @return a builder for a client with other TLS settings */
    public static Builder builder() {
        return new Builder();
    }

    private static JdkUpstreamClient create(UpstreamTls tls) {
        if (System.getProperty(RESTRICTED_HEADERS_PROPERTY) == null) {
            System.setProperty(RESTRICTED_HEADERS_PROPERTY, "host");
        }
        if (ForkJoinPool.getCommonPoolParallelism() < 2) {
            LOG.warn("the JDK HTTP client starts a new thread for every response on this machine (the common "
                    + "fork-join pool has parallelism {}, so CompletableFuture's default executor is thread-per-task); "
                    + "start the JVM with -D{}=2 or use JettyUpstreamClient", ForkJoinPool.getCommonPoolParallelism(),
                    COMMON_POOL_PARALLELISM_PROPERTY);
        }
        return new JdkUpstreamClient(tls);
    }

    /** @return whether this JVM lets the client send a {@code Host} header, needed by {@code preserveHost} routes */
    public boolean canPreserveHost() {
        return hostAllowed;
    }

    /** @return the TLS settings (never a password) */
    @Override
    public String toString() {
        return "JdkUpstreamClient[tls " + tls + "]";
    }

    @Override
    public CompletableFuture<UpstreamResponse> exchange(UpstreamRequest request) {
        CompletableFuture<UpstreamResponse> result = new CompletableFuture<>();
        ResponseDeadline deadline = new ResponseDeadline(deadlines, request.responseTimeout(), result);
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri())
                .version(HttpClient.Version.HTTP_1_1)
                .method(request.method(), bodyPublisher(new SentSignalBody(request.body(), deadline::arm)));
        request.headers().forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("host") && hostAllowed) {
                builder.setHeader(name, value);
            } else if (lower.equals("host")) {
                throw new IllegalStateException("preserveHost needs -D" + RESTRICTED_HEADERS_PROPERTY
                        + "=host set before the JDK HTTP client initialises");
            } else if (!COMPUTED_BY_CLIENT.contains(lower)) {
                builder.header(name, value);
            }
        });
        HttpClient client = clients.computeIfAbsent(request.connectTimeout(), this::newClient);
        HttpRequest built = builder.build();
        if (request.body().contentLength() == 0 && !request.methodCarriesBody()) {
            built = new BodylessRequest(built);
        }
        CompletableFuture<HttpResponse<Flow.Publisher<List<ByteBuffer>>>> sending =
                client.sendAsync(built, HttpResponse.BodyHandlers.ofPublisher());
        if (request.body().contentLength() == 0) {
            deadline.arm();
        }
        sending.whenComplete((response, failure) -> {
            deadline.disarm();
            if (failure != null) {
                result.completeExceptionally(failure);
                return;
            }
            UpstreamResponse upstream;
            try {
                upstream = toResponse(response, request.idleTimeout());
            } catch (RuntimeException malformed) {
                Subscriptions.cancel(new ListBody(response.body(), -1));
                result.completeExceptionally(new IOException("the upstream sent a malformed response", malformed));
                return;
            }
            if (!result.complete(upstream)) {
                Subscriptions.cancel(upstream.body());
            }
        });
        result.whenComplete((response, failure) -> {
            if (failure != null) {
                sending.cancel(true);
            }
        });
        return result;
    }

    @Override
    public void close() {
        deadlines.shutdownNow();
        executor.shutdownNow();
        clients.values().forEach(JdkUpstreamClient::closeClient);
        clients.clear();
    }

    /** Java 21+ clients are {@link AutoCloseable} and stop their selector thread; Java 17's have no close. */
    private static void closeClient(HttpClient client) {
        if (client instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.debug("closing the JDK HTTP client failed", e);
            }
        }
    }

    private HttpClient newClient(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .executor(executor)
                .sslContext(tls.sslContext())
                .sslParameters(tls.sslParameters())
                .build();
    }

    private static HttpRequest.BodyPublisher bodyPublisher(Body body) {
        long length = body.contentLength();
        if (length == 0) {
            return HttpRequest.BodyPublishers.noBody();
        }
        return length < 0 ? HttpRequest.BodyPublishers.fromPublisher(body)
                : HttpRequest.BodyPublishers.fromPublisher(body, length);
    }

    private UpstreamResponse toResponse(HttpResponse<Flow.Publisher<List<ByteBuffer>>> response,
                                        Duration idleTimeout) {
        HttpHeaders.Builder headers = HttpHeaders.builder();
        response.headers().map().forEach((name, values) -> values.forEach(value -> headers.add(name, value)));
        long length = response.headers().firstValue("transfer-encoding").isPresent()
                ? -1 : declaredLength(response.headers().allValues("content-length"));
        return new UpstreamResponse(response.statusCode(), headers.build(),
                new IdleTimeoutBody(new ListBody(response.body(), length), deadlines, idleTimeout));
    }

    /**
     * The JDK client reads the first {@code Content-Length} only, so an upstream that declares two different lengths
     * would be relayed truncated; such a response is malformed (RFC 9112 §6.3) and becomes a 502.
     */
    private static long declaredLength(List<String> values) {
        long length = -1;
        for (String value : values) {
            for (String part : value.split(",", -1)) {
                long declared;
                try {
                    declared = Long.parseLong(part.strip());
                } catch (NumberFormatException e) {
                    declared = -2;
                }
                if (declared < 0 || (length >= 0 && declared != length)) {
                    throw new UncheckedIOException(new ProtocolException("the upstream declared an invalid or "
                            + "conflicting Content-Length: " + values));
                }
                length = declared;
            }
        }
        return length;
    }

    private static boolean probeHostAllowed() {
        try {
            HttpRequest.newBuilder().header("Host", "probe");
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Collects the client's settings. Not thread-safe. */
    public static final class Builder {
        private UpstreamTls tls;

        private Builder() {
        }

        /**
         * @param tls how to verify {@code https} upstreams and which client certificate to present; default
         *     {@link UpstreamTls#defaults()}
         * @return this builder
         */
        public Builder tls(UpstreamTls tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
            return this;
        }

        /** @return the client; close it when done */
        public JdkUpstreamClient build() {
            return create(tls == null ? UpstreamTls.defaults() : tls);
        }
    }
}
