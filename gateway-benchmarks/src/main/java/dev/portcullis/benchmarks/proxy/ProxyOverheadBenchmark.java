package dev.portcullis.benchmarks.proxy;

import dev.portcullis.api.Body;
import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.HttpHeaders;
import dev.portcullis.api.Pipeline;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteMatch;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.core.ForwardedHeaders;
import dev.portcullis.core.client.UpstreamClient;
import dev.portcullis.core.client.UpstreamRequest;
import dev.portcullis.core.client.UpstreamResponse;
import dev.portcullis.core.internal.net.TrustedProxies;
import dev.portcullis.core.internal.proxy.HeaderHygiene;
import dev.portcullis.core.internal.proxy.ReverseProxy;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The gateway's own work for one proxied request, with no socket: the incoming headers of a typical browser-ish
 * request pass header hygiene, the request is built and routed, and {@link ReverseProxy#forward} builds the upstream
 * URI and headers (forwarding headers, {@code Via}, request id) and turns an nginx-like answer, supplied at once by
 * an in-memory {@link UpstreamClient}, into the gateway's response. What the servlet container and the HTTP client
 * spend on parsing and I/O is not included: compare with {@code bench/compare.sh} for the whole cost.
 *
 * <pre>{@code
 * bench/jmh.sh ProxyOverhead -f 1 -wi 3 -i 5 -w 1 -r 1 -prof gc
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ProxyOverheadBenchmark {
    private static final HttpHeaders INCOMING = HttpHeaders.builder()
            .add("Host", "api.example.com").add("User-Agent", "Mozilla/5.0 (X11; Linux x86_64)")
            .add("Accept", "application/json").add("Accept-Encoding", "gzip, deflate, br")
            .add("Accept-Language", "en-GB,en;q=0.9").add("Connection", "keep-alive")
            .add("Cookie", "session=0123456789abcdef").add("X-Tenant", "acme").build();
    private static final HttpHeaders UPSTREAM = HttpHeaders.builder()
            .add("Server", "nginx").add("Date", "Sat, 22 Nov 2025 01:00:00 GMT")
            .add("Content-Type", "application/octet-stream").add("Content-Length", "1024")
            .add("Last-Modified", "Sat, 22 Nov 2025 00:00:00 GMT").add("Connection", "keep-alive")
            .add("ETag", "\"6921-400\"").add("Accept-Ranges", "bytes").build();

    private Pipeline pipeline;
    private ReverseProxy proxy;
    private InetAddress peer;

    /** Builds the route table, the proxy over an in-memory client, once per trial. */
    @Setup
    public void setUp() {
        pipeline = Pipeline.builder().add(Routing.interceptor(RouteTable.of(List.of(
                Route.builder("api").path("/api/**").upstream("http://127.0.0.1:9001").build())))).build();
        UpstreamClient answersAtOnce = new UpstreamClient() {
            @Override
            public CompletableFuture<UpstreamResponse> exchange(UpstreamRequest request) {
                return CompletableFuture.completedFuture(new UpstreamResponse(200, UPSTREAM, Body.empty()));
            }

            @Override
            public void close() {
            }
        };
        proxy = new ReverseProxy(answersAtOnce, TrustedProxies.of(List.of()), "portcullis", "X-Request-Id",
                ForwardedHeaders.X_FORWARDED, false, 7 * 1024);
        peer = InetAddress.getLoopbackAddress();
    }

    /** @return the gateway's response, so the JIT cannot drop the work */
    @Benchmark
    public GatewayResponse proxiedRequest() {
        GatewayRequest request = GatewayRequest.builder()
                .id("0123456789abcdef0123456789abcdef").method("GET").authority("api.example.com")
                .rawPath("/api/hello").rawQuery("page=2")
                .headers(HeaderHygiene.endToEnd(INCOMING))
                .clientAddress(peer).peerAddress(peer)
                .build();
        return pipeline.execute(request, routed -> proxy.forward(routed,
                routed.attribute(Routing.MATCH).map(RouteMatch.class::cast).orElseThrow(), abort -> { }))
                .toCompletableFuture().join();
    }
}
