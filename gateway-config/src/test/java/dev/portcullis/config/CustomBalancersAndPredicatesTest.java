package dev.portcullis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.portcullis.config.testing.Decisions;
import dev.portcullis.config.testing.Requests;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Routes name load-balancing strategies and predicates the application registered, and only registered ones. */
class CustomBalancersAndPredicatesTest {
    private static final InterceptorRegistry REGISTRY = InterceptorRegistry.builder()
            .addLoadBalancer("last", instances -> request -> instances.get(instances.size() - 1))
            .addPredicate("internal-caller", request -> request.clientAddress().isSiteLocalAddress())
            .build();

    @TempDir
    Path directory;

    private GatewayConfig.Loader loader() {
        return GatewayConfig.loader().interceptors(REGISTRY);
    }

    @Test
    void aRouteUsesTheRegisteredBalancerAndTakesOnlyRequestsItsPredicatesAccept() {
        ConfigFiles files = new ConfigFiles(directory);
        try (GatewayConfig config = loader().load(files.write(
                "pipeline: [routing]",
                "routes:",
                "  - id: internal",
                "    predicates: [internal-caller]",
                "    upstreams: [http://10.0.0.5:8080, http://10.0.0.6:8080]",
                "    customLoadBalancer: last"))) {
            Decisions.Decision inside = Decisions.run(config.pipeline(),
                    Requests.of("GET", "/x").from("10.1.2.3").build("r1"));
            assertEquals("http://10.0.0.6:8080", inside.upstream());
            Decisions.Decision outside = Decisions.run(config.pipeline(),
                    Requests.of("GET", "/x").from("203.0.113.9").build("r2"));
            assertEquals(0, outside.status());
            assertEquals(null, outside.route());
        }
    }

    @Test
    void anUnregisteredNameIsRefusedWithTheNearestRegisteredOne() {
        ConfigFiles files = new ConfigFiles(directory);
        List<String> problems = loader().check(files.write(
                "pipeline: [routing]",
                "routes:",
                "  - id: a",
                "    predicates: [internal-callers]",
                "    upstreams: [http://10.0.0.5:8080]",
                "    customLoadBalancer: lats",
                "  - id: b",
                "    path: /b/**",
                "    upstreams: [http://10.0.0.5:8080]",
                "    loadBalancer: round-robin",
                "    customLoadBalancer: last")).stream().map(ConfigProblem::toString)
                .map(text -> text.replace(directory + "/", "")).toList();
        assertEquals(List.of(
                "gateway.yaml:4:18: routes[0].predicates[0]: no custom predicate is registered as 'internal-callers'; "
                        + "did you mean 'internal-caller'?",
                "gateway.yaml:6:25: routes[0].customLoadBalancer: no custom load balancer is registered as 'lats'; "
                        + "did you mean 'last'?",
                "gateway.yaml:11:25: routes[1].customLoadBalancer: set loadBalancer or customLoadBalancer, not both"),
                problems);
    }

    @Test
    void aNameRegisteredTwiceForOneKindIsRefusedButKindsHaveNamesOfTheirOwn() {
        InterceptorRegistry.Builder builder = InterceptorRegistry.builder()
                .addLoadBalancer("same", instances -> request -> instances.get(0))
                .addPredicate("same", request -> true)
                .addFactory("same", settings -> chain -> chain.proceed(chain.request()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> builder.addPredicate("same", request -> false));
        assertEquals("the custom predicate 'same' is registered twice", e.getMessage());
        assertEquals(Map.of(), InterceptorRegistry.empty().loadBalancers());
    }
}
