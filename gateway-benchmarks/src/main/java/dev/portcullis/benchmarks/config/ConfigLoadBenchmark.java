package dev.portcullis.benchmarks.config;

import dev.portcullis.api.Interceptor;
import dev.portcullis.api.routing.LoadBalancers;
import dev.portcullis.config.GatewayConfig;
import dev.portcullis.config.InterceptorRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Reads, checks and builds the full example configuration ({@code gateway-examples/src/main/config/full.yaml}:
 * every stage, 6 routes with resilience settings, a JWT issuer with a JWK set file, API keys from a file, 3 rate-limit
 * policies, a JSON Schema with a reference, an access log, a Jetty client with TLS stores; the custom stage, load
 * balancer and predicate are stand-ins): once as a reload that follows a load of the same file (the stateful
 * parts carry over, the goal is under 50 ms), and once cold (everything built anew, the Jetty client included, then
 * closed). Run from the repository root: {@code bench/jmh.sh ConfigLoad -f 1 -wi 3 -i 5}; another directory with
 * {@code -Dportcullis.config.examples=...}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ConfigLoadBenchmark {
    private GatewayConfig.Loader loader;
    private Path file;
    private GatewayConfig previous;

    @Setup
    public void setUp() {
        file = Path.of(System.getProperty("portcullis.config.examples", "gateway-examples/src/main/config"))
                .resolve("full.yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file.toAbsolutePath() + " not found: run from the repository root");
        }
        Interceptor tenant = Interceptor.named("TenantInterceptor", chain -> chain.proceed(chain.request()));
        loader = GatewayConfig.loader().interceptors(InterceptorRegistry.builder()
                .addFactory("tenant", settings -> tenant)
                .addLoadBalancer("primary-first", LoadBalancers.roundRobin())
                .addPredicate("internal-caller", request -> request.clientAddress().isSiteLocalAddress())
                .build());
        previous = loader.load(file);
    }

    @TearDown
    public void tearDown() {
        previous.close();
    }

    /** @return the configuration of a reload of the unchanged full example */
    @Benchmark
    public GatewayConfig reloadFullExample() {
        return loader.load(file, previous);
    }

    /** @return the description of a cold load of the full example, closed again */
    @Benchmark
    public String loadFullExampleCold() {
        GatewayConfig config = loader.load(file);
        config.close();
        return config.describe();
    }
}
