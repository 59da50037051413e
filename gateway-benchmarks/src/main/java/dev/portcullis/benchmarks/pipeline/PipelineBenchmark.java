package dev.portcullis.benchmarks.pipeline;

import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.Handler;
import dev.portcullis.api.HttpHeaders;
import dev.portcullis.api.Interceptor;
import dev.portcullis.api.Pipeline;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The per-request cost of a pipeline of six pass-through interceptors plus routing over a table of 20 routes, with
 * a terminal handler that answers at once. {@code path} picks where the request lands: the first route, the last
 * route (every pattern tried), a route with a path variable and a rewrite, or no route at all.
 *
 * <pre>{@code
 * bench/jmh.sh Pipeline -f 1 -wi 3 -i 5 -w 1 -r 1
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PipelineBenchmark {
    private static final GatewayResponse OK = GatewayResponse.builder(200).build();
    private static final Handler TERMINAL = request -> CompletableFuture.completedFuture(OK);

    /** Where the request lands in the route table. */
    @Param({"/svc0/items/42", "/svc17/items/42", "/users/42/orders", "/nowhere/at/all"})
    public String path;

    private Pipeline pipeline;
    private GatewayRequest request;

    /** Builds the route table, the pipeline and the request once per trial. */
    @Setup
    public void setUp() {
        List<Route> routes = new ArrayList<>();
        for (int i = 0; i < 18; i++) {
            routes.add(Route.builder("svc" + i).path("/svc" + i + "/**").stripPrefix(1)
                    .upstream("http://127.0.0.1:" + (9000 + i)).build());
        }
        routes.add(Route.builder("users").path("/users/{id}/**").methods("GET", "POST")
                .rewrite("^/users/(?<id>[^/]+)/(?<rest>.*)$", "/v2/accounts/${id}/${rest}")
                .upstream("http://127.0.0.1:9100", 3).upstream("http://127.0.0.1:9101", 1).build());
        routes.add(Route.builder("admin").path("/admin/**").host("*.example.com")
                .upstream("http://127.0.0.1:9200").build());
        Pipeline.Builder builder = Pipeline.builder();
        for (int i = 0; i < 6; i++) {
            builder.add(Interceptor.named("pass" + i, chain -> chain.proceed(chain.request())));
        }
        pipeline = builder.add(Routing.interceptor(RouteTable.of(routes))).build();
        request = GatewayRequest.builder()
                .id("bench")
                .method("GET")
                .authority("api.example.com")
                .rawPath(path)
                .headers(HttpHeaders.builder().add("Accept", "application/json").add("User-Agent", "jmh").build())
                .clientAddress(InetAddress.getLoopbackAddress())
                .build();
    }

    /** @return the response, so the JIT cannot drop the work */
    @Benchmark
    public GatewayResponse pipelineWithRouting() {
        return pipeline.execute(request, TERMINAL).toCompletableFuture().join();
    }
}
