package dev.portcullis.benchmarks.ratelimit;

import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.Handler;
import dev.portcullis.api.Pipeline;
import dev.portcullis.api.ratelimit.RateLimiting;
import dev.portcullis.ratelimit.Limit;
import dev.portcullis.ratelimit.LocalBucketStore;
import dev.portcullis.ratelimit.PolicyRateLimiter;
import dev.portcullis.ratelimit.RateLimitPolicy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * The cost one request pays for a local rate-limit decision: the pipeline with the rate-limiting interceptor in front
 * of a terminal handler that answers at once, against the same pipeline without it ({@code baseline}). The quota is
 * so large every request is allowed, so each one takes the full path: key, bucket, IETF fields.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LocalRateLimitBenchmark {
    private static final GatewayResponse OK = GatewayResponse.builder(200).build();
    private static final Handler UPSTREAM = request -> CompletableFuture.completedFuture(OK);

    private Pipeline limited;
    private Pipeline baseline;
    private GatewayRequest request;

    @Setup
    public void setUp() throws UnknownHostException {
        RateLimitPolicy policy = RateLimitPolicy.builder("bench")
                .limit(Limit.greedy("burst", 500_000_000L, Duration.ofSeconds(1)))
                .limit(Limit.interval("hourly", 1_000_000_000_000L, Duration.ofHours(1)))
                .build();
        limited = Pipeline.builder().add(RateLimiting.interceptor(
                PolicyRateLimiter.builder(LocalBucketStore.builder().build()).defaultPolicy(policy).build())).build();
        baseline = Pipeline.builder().build();
        request = GatewayRequest.builder().id("bench").method("GET").authority("gw").rawPath("/api/items")
                .clientAddress(InetAddress.getByName("203.0.113.7")).build();
    }

    @Benchmark
    public GatewayResponse baseline() {
        return baseline.execute(request, UPSTREAM).toCompletableFuture().join();
    }

    @Benchmark
    public GatewayResponse oneThread() {
        return limited.execute(request, UPSTREAM).toCompletableFuture().join();
    }

    @Benchmark
    @Threads(2)
    public GatewayResponse twoThreadsOneBucket() {
        return limited.execute(request, UPSTREAM).toCompletableFuture().join();
    }

    @Benchmark
    @Threads(4)
    public GatewayResponse fourThreadsOneBucket() {
        return limited.execute(request, UPSTREAM).toCompletableFuture().join();
    }
}
