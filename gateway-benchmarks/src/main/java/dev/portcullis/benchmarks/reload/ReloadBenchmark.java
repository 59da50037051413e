package dev.portcullis.benchmarks.reload;

import dev.portcullis.api.Body;
import dev.portcullis.api.HttpHeaders;
import dev.portcullis.api.Pipeline;
import dev.portcullis.api.ratelimit.RateLimiting;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.core.Gateway;
import dev.portcullis.core.client.UpstreamClient;
import dev.portcullis.core.client.UpstreamRequest;
import dev.portcullis.core.client.UpstreamResponse;
import dev.portcullis.core.cors.Cors;
import dev.portcullis.core.cors.CorsPolicy;
import dev.portcullis.core.guard.GuardPolicy;
import dev.portcullis.core.guard.RequestGuards;
import dev.portcullis.core.guard.ValueCheck;
import dev.portcullis.core.ipfilter.IpFilter;
import dev.portcullis.core.transform.HeaderEdits;
import dev.portcullis.core.transform.LocationRewrite;
import dev.portcullis.core.transform.QueryEdits;
import dev.portcullis.core.transform.Transform;
import dev.portcullis.ratelimit.BucketStore;
import dev.portcullis.ratelimit.KeyResolvers;
import dev.portcullis.ratelimit.Limit;
import dev.portcullis.ratelimit.LocalBucketStore;
import dev.portcullis.ratelimit.PolicyRateLimiter;
import dev.portcullis.ratelimit.RateLimitPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What a configuration reload costs the engine, without the file front end: building a realistic pipeline from the
 * Java DSL (40 routes with a guard policy, a transformation and a rate-limit policy each, a second upstream on half
 * of them; IP rules, CORS, default guards, a local rate limiter, per-route transformations, {@code Location}
 * rewriting) and swapping it into a running {@link Gateway} with {@link Gateway#reload}, the upstream client and the
 * rate limiter's bucket store carried over. {@code build} only builds; {@code buildAndReload} returns once the new
 * configuration serves; {@code buildReloadAndDrain} also waits for the returned stage, which, with nothing in flight,
 * is the thread that retires the replaced configuration.
 *
 * <pre>{@code
 * bench/jmh.sh Reload -f 1 -wi 3 -i 5 -w 1 -r 1
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ReloadBenchmark {
    private static final int ROUTES = 40;

    private final BucketStore buckets = LocalBucketStore.builder().build();
    private final UpstreamClient client = new UpstreamClient() {
        @Override
        public CompletableFuture<UpstreamResponse> exchange(UpstreamRequest request) {
            return CompletableFuture.completedFuture(new UpstreamResponse(200, HttpHeaders.empty(), Body.empty()));
        }

        @Override
        public void close() {
        }
    };
    private Gateway gateway;
    private int generation;

    /** Starts the gateway on a first configuration. */
    @Setup
    public void setUp() {
        gateway = settings().upstreamClient(client).build();
    }

    /** Closes the gateway. */
    @TearDown
    public void tearDown() {
        gateway.close();
    }

    /** @return the next configuration's settings, built but not swapped in */
    @Benchmark
    public Gateway.Builder build() {
        return settings();
    }

    /** @return the stage of the reload, so the JIT cannot drop the work */
    @Benchmark
    public CompletionStage<Void> buildAndReload() {
        return gateway.reload(settings());
    }

    /** @return nothing; waits until the replaced configuration has drained */
    @Benchmark
    public Void buildReloadAndDrain() {
        return gateway.reload(settings()).toCompletableFuture().join();
    }

    /** @return the gateway settings of the next configuration, each a little different from the last */
    private Gateway.Builder settings() {
        int version = generation++;
        RateLimitPolicy perClient = RateLimitPolicy.builder("per-client")
                .limit(Limit.greedy("burst", 100 + version % 7, Duration.ofSeconds(1)))
                .limit(Limit.interval("hourly", 10_000, Duration.ofHours(1)))
                .key(KeyResolvers.clientIp()).build();
        List<Route> routes = new ArrayList<>();
        for (int i = 0; i < ROUTES; i++) {
            Route.Builder route = Route.builder("svc" + i).path("/svc" + i + "/**").stripPrefix(1)
                    .methods("GET", "POST", "PUT", "DELETE")
                    .upstream("http://10.0.0." + (i % 250 + 1) + ":8080/v" + version)
                    .metadata(RequestGuards.POLICY, GuardPolicy.builder().maxBodyBytes(64 * 1024)
                            .allowedMethods("GET", "POST").allowedContentTypes("application/json")
                            .requireHeader("X-Tenant", ValueCheck.pattern("[a-z0-9-]{1,32}")).build())
                    .metadata(Transform.ROUTE, Transform.builder()
                            .request(HeaderEdits.builder().remove("Cookie").set("X-Gateway", "portcullis").build())
                            .query(QueryEdits.builder().remove("debug").build())
                            .response(HeaderEdits.builder().remove("Server").build()).build())
                    .metadata(RateLimitPolicy.ROUTE, perClient);
            if (i % 2 == 0) {
                route.upstream("http://10.0.1." + (i % 250 + 1) + ":8080/v" + version);
            }
            routes.add(route.build());
        }
        routes.add(Route.builder("users").path("/users/{id}/**").methods("GET", "POST")
                .rewrite("^/users/(?<id>[^/]+)/(?<rest>.*)$", "/v2/accounts/${id}/${rest}")
                .upstream("http://10.0.2.1:8080", 3).upstream("http://10.0.2.2:8080", 1).build());
        Pipeline pipeline = Pipeline.builder()
                .add(Routing.interceptor(RouteTable.of(routes)))
                .add(IpFilter.builder().allow("10.0.0.0/8", "192.0.2.0/24", "2001:db8:1::/48").deny("192.0.2.66")
                        .build().interceptor())
                .add(Cors.interceptor(CorsPolicy.builder()
                        .allowedOrigins("https://app.example.com", "https://*.example.com")
                        .allowedMethods("GET", "POST").allowedHeaders("Content-Type", "Authorization", "X-Tenant")
                        .exposedHeaders("X-Request-Id").allowCredentials(true).maxAge(Duration.ofMinutes(10))
                        .build()))
                .add(RequestGuards.interceptor(GuardPolicy.defaults()))
                .add(RateLimiting.interceptor(PolicyRateLimiter.builder(buckets).defaultPolicy(perClient).build()))
                .add(Transform.perRoute())
                .add(LocationRewrite.interceptor())
                .build();
        return Gateway.builder().pipeline(pipeline).trustedProxies("10.0.0.0/8", "fd00::/8").maxInFlight(2_000);
    }
}
