package dev.portcullis.servlet.it.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.ExchangeEvent;
import dev.portcullis.api.Interceptor;
import dev.portcullis.api.Pipeline;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.core.client.JdkUpstreamClient;
import dev.portcullis.core.client.UpstreamClient;
import dev.portcullis.core.client.UpstreamRequest;
import dev.portcullis.core.client.UpstreamResponse;
import dev.portcullis.core.logging.RequestMdc;
import dev.portcullis.core.testing.RecordingLogger;
import dev.portcullis.core.testing.RecordingSlf4jProvider;
import dev.portcullis.servlet.GatewayFilter;
import dev.portcullis.servlet.it.Http;
import dev.portcullis.servlet.it.RawUpstream;
import dev.portcullis.servlet.it.RunningServer;
import dev.portcullis.servlet.it.ServletContainer;
import dev.portcullis.servlet.it.TestUpstream;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request-scoped MDC through the real filter in both containers, with requests interleaved on every kind of
 * thread: the container's, a stage that resumes on a pool of its own, the upstream client's callbacks (on a pool
 * of the test's, whose threads exist before any request), the response pump's (an upstream that fails mid-body),
 * the application's. Every line about a request, the gateway's own included, carries that request's ids, and the
 * lines each thread writes once the gateway is done with it carry none.
 */
class RequestMdcOnTheWireTest {
    private static final String CONTAINERS = "dev.portcullis.servlet.it.ServletContainer#all";
    private static final Logger LOG = LoggerFactory.getLogger("dev.portcullis.test.mdc");
    private static final int REQUESTS = 120;
    private static final Pattern ABOUT = Pattern.compile("(event \\w+|stage|app) ([0-9a-f]{32})");
    private static final Pattern GATEWAYS = Pattern.compile("request ([0-9a-f]{32})\\b.*");
    private static final String CUT = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n";
    private static final Set<String> ROUTED_EVENTS = Set.of("event UpstreamCalled", "event UpstreamAnswered");
    /** The route each proxied request took, by request id, as the proxy reported it. */
    private static final Map<String, String> ROUTES = new ConcurrentHashMap<>();
    private static final Set<String> IDLE = Set.of("container idle", "client hop idle", "stage hop idle");

    @ParameterizedTest
    @MethodSource(CONTAINERS)
    void everyLineAboutARequestCarriesItsIdsAndNoLineAfterwardsCarriesAny(ServletContainer container)
            throws Exception {
        ExecutorService clientHops = prestarted("client-hop");
        ExecutorService stageHops = prestarted("stage-hop");
        ExecutorService clients = Executors.newFixedThreadPool(12);
        List<RecordingLogger.Line> lines;
        try (RecordingSlf4jProvider.Capture capture = RecordingSlf4jProvider.capture("dev.portcullis")) {
            try (JdkUpstreamClient jdk = JdkUpstreamClient.create();
                 TestUpstream upstream = TestUpstream.start(TestUpstream.echo());
                 RawUpstream cut = RawUpstream.start(CUT);
                 RunningServer server = container.start(logsAfter(gateway(upstream, cut, jdk, clientHops,
                         stageHops)), new LoggingApp())) {
                List<Future<Integer>> statuses = new ArrayList<>();
                for (int i = 0; i < REQUESTS; i++) {
                    String target = List.of("/api/x", "/api/x?hop=1", "/app/y", "/cut/x").get(i % 4);
                    statuses.add(clients.submit(() -> status(server, target)));
                }
                for (int i = 0; i < REQUESTS; i++) {
                    assertEquals(i % 4 == 3 ? -1 : 200, statuses.get(i).get(60, TimeUnit.SECONDS));
                }
            } finally {
                clients.shutdownNow();
                for (ExecutorService hops : List.of(clientHops, stageHops)) {
                    hops.shutdown();
                    assertTrue(hops.awaitTermination(30, TimeUnit.SECONDS), "the hops finished their work");
                }
            }
            lines = capture.lines();
        }

        List<RecordingLogger.Line> about = new ArrayList<>();
        for (RecordingLogger.Line line : lines) {
            Matcher matcher = ABOUT.matcher(line.message());
            if (line.logger().equals(LOG.getName()) && matcher.matches()) {
                about.add(line);
                assertEquals(matcher.group(2), line.mdc().get(RequestMdc.REQUEST_ID), line.toString());
                assertTrue(line.mdc().getOrDefault(RequestMdc.TRACE_ID, "").matches("[0-9a-f]{32}"), line.toString());
                if (ROUTED_EVENTS.contains(matcher.group(1))) {
                    assertEquals(ROUTES.get(matcher.group(2)), line.mdc().get(RequestMdc.ROUTE_ID), line.toString());
                }
            }
            Matcher gateways = GATEWAYS.matcher(line.message());
            if (!line.logger().equals(LOG.getName()) && gateways.matches()) {
                about.add(line);
                assertEquals(gateways.group(1), line.mdc().get(RequestMdc.REQUEST_ID), line.toString());
            }
            if (IDLE.contains(line.message())) {
                assertFalse(line.mdc().containsKey(RequestMdc.REQUEST_ID) || line.mdc().containsKey(RequestMdc.TRACE_ID)
                        || line.mdc().containsKey(RequestMdc.ROUTE_ID), "leaked into " + line);
            }
        }
        Map<String, Long> perKind = about.stream().collect(Collectors.groupingBy(
                line -> line.message().substring(0, line.message().lastIndexOf(' ')), Collectors.counting()));
        assertEquals(REQUESTS, perKind.get("event Ended"), perKind.toString());
        assertEquals(REQUESTS * 3 / 4, perKind.get("event UpstreamAnswered"), perKind.toString());
        assertEquals(REQUESTS / 4, perKind.get("app"), perKind.toString());
        assertTrue(about.stream().anyMatch(line -> line.message().endsWith(
                ": the upstream body failed after the response started; aborting")),
                "the pump reported an upstream that failed mid-body");
        assertTrue(about.stream().anyMatch(line -> line.thread().startsWith("client-hop")),
                "events were heard on the upstream client's threads");
        assertTrue(about.stream().anyMatch(line -> line.thread().startsWith("stage-hop")),
                "events were heard on the thread a stage resumed on");
        Map<String, Long> idle = lines.stream().filter(line -> IDLE.contains(line.message()))
                .collect(Collectors.groupingBy(RecordingLogger.Line::message, Collectors.counting()));
        assertTrue(idle.get("container idle") >= REQUESTS, "at least one idle line per request: " + idle);
        assertEquals(REQUESTS * 3L / 4, idle.get("client hop idle"), idle.toString());
        assertEquals(REQUESTS / 4L, idle.get("stage hop idle"), idle.toString());
    }

    /** @return the status of a GET, or -1 when the gateway cut the connection */
    private static int status(RunningServer server, String target) throws InterruptedException {
        try {
            return Http.get(server.uri(target)).statusCode();
        } catch (IOException cut) {
            return -1;
        }
    }

    private static GatewayFilter gateway(TestUpstream upstream, RawUpstream cut, UpstreamClient jdk,
                                         ExecutorService clientHops, ExecutorService stageHops) {
        Interceptor probe = Interceptor.named("Probe", chain -> {
            LOG.debug("stage {}", chain.request().id());
            if (chain.request().rawQuery().isEmpty()) {
                return chain.proceed(chain.request());
            }
            return CompletableFuture.supplyAsync(() -> null, stageHops).thenCompose(hopped -> {
                CompletableFuture.runAsync(() -> LOG.debug("stage hop idle"), stageHops);
                return chain.proceed(chain.request());
            });
        });
        return GatewayFilter.builder()
                .pipeline(Pipeline.builder().add(probe).add(Routing.interceptor(RouteTable.of(
                        Route.builder("api").path("/api/**").upstream(upstream.baseUri()).build(),
                        Route.builder("cut").path("/cut/**").upstream(cut.baseUri()).build()))).build())
                .upstreamClient(new HoppingClient(jdk, clientHops))
                .listener(event -> {
                    if (event instanceof ExchangeEvent.UpstreamCalled called) {
                        ROUTES.put(called.requestId(), called.routeId());
                    }
                    LOG.debug("event {} {}", event.getClass().getSimpleName(), event.requestId());
                })
                .build();
    }

    private static ExecutorService prestarted(String name) {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = (ThreadPoolExecutor) Executors.newFixedThreadPool(4, task -> {
            Thread thread = new Thread(task, name + '-' + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        pool.prestartAllCoreThreads();
        return pool;
    }

    /** @return a filter that runs {@code gateway}, then logs on the container thread it returned to */
    private static Filter logsAfter(GatewayFilter gateway) {
        return new Filter() {
            @Override
            public void init(FilterConfig config) {
                gateway.init(config);
            }

            @Override
            public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                    throws IOException, ServletException {
                try {
                    gateway.doFilter(request, response, chain);
                } finally {
                    LOG.debug("container idle");
                }
            }

            @Override
            public void destroy() {
                gateway.destroy();
            }
        };
    }

    /** An upstream client whose answers arrive on the test's pool, which then logs once the gateway is done. */
    private record HoppingClient(UpstreamClient delegate, ExecutorService hops) implements UpstreamClient {
        @Override
        public CompletableFuture<UpstreamResponse> exchange(UpstreamRequest request) {
            CompletableFuture<UpstreamResponse> answer = new CompletableFuture<>();
            CompletableFuture<UpstreamResponse> sent = delegate.exchange(request);
            sent.whenComplete((response, failure) -> hops.execute(() -> {
                if (failure == null) {
                    answer.complete(response);
                } else {
                    answer.completeExceptionally(failure);
                }
                LOG.debug("client hop idle");
            }));
            answer.whenComplete((response, failure) -> {
                if (answer.isCancelled()) {
                    sent.cancel(true);
                }
            });
            return answer;
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    /** The application: logs about the request it serves, by the request id the gateway set on the response. */
    private static final class LoggingApp extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            LOG.debug("app {}", response.getHeader("X-Request-Id"));
            response.setContentType("text/plain");
            response.getOutputStream().write("app".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
    }
}
