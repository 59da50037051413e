package dev.portcullis.benchmarks.proxy;

import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.Pipeline;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.core.Exchange;
import dev.portcullis.core.Gateway;
import dev.portcullis.core.trace.TracePolicy;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;

/**
 * The exact bytes the request thread allocates for one proxied request of {@link ProxyOverheadBenchmark} with no
 * listener and no access log, with the trace context on (the default) and off: after 300,000 requests of warm-up, five
 * rounds of 100,000, counted by the JVM's per-thread allocation counter. Unlike a timing, the count does not depend on
 * the machine's load; it may differ by a few dozen bytes from one JVM to the next, as the JIT's escape analysis
 * decides. Uses only API older than the tracer seam, so it runs against an earlier build too (its jars first on the
 * class path) for a before/after comparison:
 *
 * <pre>{@code
 * java -cp gateway-benchmarks/target/classes:$(cat gateway-benchmarks/target/classpath.txt) \
 *     dev.portcullis.benchmarks.proxy.RequestThreadAllocation
 * }</pre>
 */
public final class RequestThreadAllocation {
    private static final int ROUND = 100_000;

    private RequestThreadAllocation() {
    }

    /** @param args none */
    public static void main(String[] args) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (TracePolicy policy : List.of(TracePolicy.trust(), TracePolicy.off())) {
            Gateway gateway = Gateway.builder()
                    .pipeline(Pipeline.builder().add(Routing.interceptor(RouteTable.of(List.of(Route.builder("api")
                            .path("/api/**").upstream("http://127.0.0.1:9001").build())))).build())
                    .upstreamClient(ProxyOverheadBenchmark.answersAtOnce())
                    .traceContext(policy)
                    .build();
            long[] bytes = new long[5];
            for (int round = -3; round < bytes.length; round++) {
                long before = threads.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < ROUND; i++) {
                    Exchange exchange = gateway.open(ProxyOverheadBenchmark.REQUEST);
                    GatewayResponse response = exchange.run().join();
                    exchange.end(response.status(), 1024);
                }
                if (round >= 0) {
                    bytes[round] = (threads.getCurrentThreadAllocatedBytes() - before) / ROUND;
                }
            }
            gateway.close();
            System.out.println("trace context " + policy.mode() + ": bytes per request by round "
                    + Arrays.toString(bytes));
        }
    }
}
