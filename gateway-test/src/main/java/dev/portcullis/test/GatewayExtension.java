package dev.portcullis.test;

import dev.portcullis.api.Pipeline;
import dev.portcullis.servlet.GatewayFilter;
import dev.portcullis.servlet.container.SlowClientLimits;
import dev.portcullis.test.internal.NotFoundApplication;
import dev.portcullis.test.internal.Scope;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that runs a gateway in a real embedded servlet container on {@code 127.0.0.1} and a free port,
 * set up as {@link Container} describes (problem+json container error pages, slow-client limits: see
 * {@link #DEFAULT_LIMITS}). Register it with {@code @RegisterExtension}: in a {@code static} field one gateway
 * serves the whole class (nested classes included) and stops after it; in an instance field each test gets its own
 * and it stops after the test.
 *
 * <p>Nothing starts until a test asks: {@link #in(Container)} starts the gateway in that container on first use,
 * building a fresh filter from the supplier (build stateful stages, such as a local rate-limit store, inside it,
 * and no two containers share them), and the shortcuts {@link #get}, {@link #send}, {@link #uri} and {@link #request} use the
 * {@linkplain Builder#container(Container) default container}: {@link Container#preferred() Jetty when it is on the
 * classpath, else Tomcat}. Because the supplier runs then, it may read the port of a {@link RecordingUpstream} or
 * a JWKS server declared in another field, whatever order JUnit registers them in.
 *
 * <p>Behind the gateway sits an application servlet: by default one that answers every request no route took with
 * a 404 {@code application/problem+json} of type {@link #NOT_FOUND}, as the standalone launcher does; mount your own
 * with {@link Builder#application(Supplier)}.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RecordingUpstream UPSTREAM = RecordingUpstream.create();
 * @RegisterExtension
 * static final GatewayExtension GATEWAY = GatewayExtension.of(() -> Pipeline.builder()
 *     .add(Routing.interceptor(RouteTable.of(
 *         Route.builder("orders").path("/api/orders/**").upstream(UPSTREAM.baseUri()).build())))
 *     .add(new MyInterceptor())
 *     .build());
 *
 * @Test
 * void forwardsOrders() throws Exception {
 *     assertEquals(200, GATEWAY.get("/api/orders/7").statusCode());
 * }
 * }</pre>
 */
public final class GatewayExtension implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {
    /**
     * The slow-client limits unless {@link Builder#slowClientLimits} says otherwise: the launcher's
     * ({@link SlowClientLimits#defaults()}: 10 s request head, 30 s idle) with a minimum request-body rate of 1 byte/s
     * instead of 1024. Jetty measures that rate between the gateway's reads of a body, so at 1024 bytes/s a body of
     * n bytes that the gateway reads in two steps more than n ms apart (a loaded test machine does that) is cut with
     * a 408, and the test fails for no fault of the code under test.
     */
    public static final SlowClientLimits DEFAULT_LIMITS = SlowClientLimits.defaults().withMinRequestBodyRate(1);

    /** The problem type the default application answers a request no route took with (404). */
    public static final String NOT_FOUND = NotFoundApplication.TYPE;

    private final Supplier<GatewayFilter> filter;
    private final Container container;
    private final Supplier<? extends HttpServlet> application;
    private final SlowClientLimits limits;
    private final Scope scope = new Scope();
    private final Map<Container, RunningGateway> running = new EnumMap<>(Container.class);

    private GatewayExtension(Builder b) {
        this.filter = b.filter;
        this.container = b.container;
        this.application = b.application;
        this.limits = b.limits;
    }

    /**
     * @param pipeline builds the pipeline, once per container started
     * @return an extension running a {@code GatewayFilter} with that pipeline and default settings
     */
    public static GatewayExtension of(Supplier<Pipeline> pipeline) {
        return builder().pipeline(pipeline).build();
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param container a container
     * @return the gateway running in it, started now if it is not running yet
     * @throws IllegalStateException if it cannot start (the container is not on the classpath, the supplier failed)
     */
    public synchronized RunningGateway in(Container container) {
        Objects.requireNonNull(container, "container");
        RunningGateway gateway = running.get(container);
        if (gateway == null) {
            gateway = start(container);
            running.put(container, gateway);
        }
        return gateway;
    }

    private RunningGateway start(Container where) {
        GatewayFilter built = Objects.requireNonNull(filter.get(), "the filter supplier returned null");
        try {
            HttpServlet app = application == null
                    ? new NotFoundApplication(built.gateway().requestIdHeader())
                    : Objects.requireNonNull(application.get(), "the application supplier returned null");
            return where.start(built, app, limits);
        } catch (RuntimeException e) {
            built.destroy();
            throw e;
        } catch (Exception e) {
            built.destroy();
            throw new IllegalStateException("the gateway did not start in " + where + ": " + e, e);
        }
    }

    /** @return the default container: the one set on the builder, else {@link Container#preferred()} */
    public Container container() {
        return container == null ? Container.preferred() : container;
    }

    /** @return the gateway in the default container, started now if needed */
    public RunningGateway running() {
        return in(container());
    }

    /**
     * @param rawPathAndQuery a request target such as {@code /api/orders?page=2}
     * @return its URI on the gateway in the default container
     */
    public URI uri(String rawPathAndQuery) {
        return running().uri(rawPathAndQuery);
    }

    /**
     * @param rawPathAndQuery the request target
     * @return a request builder for it on the gateway in the default container, with a 20 s timeout
     */
    public HttpRequest.Builder request(String rawPathAndQuery) {
        return running().request(rawPathAndQuery);
    }

    /**
     * @param rawPathAndQuery the request target
     * @param headerNamesAndValues name, value, name, value...
     * @return the response of the gateway in the default container to a GET
     * @throws IOException if the exchange fails
     * @throws InterruptedException if interrupted while waiting
     */
    public HttpResponse<String> get(String rawPathAndQuery, String... headerNamesAndValues)
            throws IOException, InterruptedException {
        return running().get(rawPathAndQuery, headerNamesAndValues);
    }

    /**
     * @param request a request for the gateway in the default container, e.g. from {@link #request(String)}
     * @return the response, its body as text
     * @throws IOException if the exchange fails
     * @throws InterruptedException if interrupted while waiting
     */
    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return running().send(request);
    }

    /**
     * Stops every running gateway of this extension; the next use starts a new one.
     *
     * @throws IllegalStateException if a container did not stop cleanly (after trying to stop the others)
     */
    public void stop() {
        List<RunningGateway> stopping;
        synchronized (this) {
            stopping = new ArrayList<>(running.values());
            running.clear();
        }
        List<IllegalStateException> failures = new ArrayList<>();
        for (RunningGateway gateway : stopping) {
            try {
                gateway.close();
            } catch (IllegalStateException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            failures.subList(1, failures.size()).forEach(failures.get(0)::addSuppressed);
            throw failures.get(0);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        scope.classStarted();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (scope.testEnded()) {
            stop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (scope.classEnded()) {
            stop();
        }
    }

    /** Collects the gateway, the default container, the application and the slow-client limits. Not thread-safe. */
    public static final class Builder {
        private Supplier<GatewayFilter> filter;
        private Container container;
        private Supplier<? extends HttpServlet> application;
        private SlowClientLimits limits = DEFAULT_LIMITS;

        private Builder() {
        }

        /**
         * @param pipeline builds the pipeline of a {@code GatewayFilter} with default settings, once per container
         * @return this builder
         */
        public Builder pipeline(Supplier<Pipeline> pipeline) {
            Objects.requireNonNull(pipeline, "pipeline");
            return filter(() -> GatewayFilter.builder().pipeline(pipeline.get()).build());
        }

        /**
         * @param filter builds the filter, once per container, e.g.
         *     {@code () -> GatewayFilter.builder().pipeline(...).trustedProxies("10.0.0.0/8").build()}; each call must
         *     return a new filter (the container destroys it when it stops)
         * @return this builder
         */
        public Builder filter(Supplier<GatewayFilter> filter) {
            if (this.filter != null) {
                throw new IllegalStateException("pipeline/filter: set only one of them, once");
            }
            this.filter = Objects.requireNonNull(filter, "filter");
            return this;
        }

        /**
         * @param container the container of {@link #running()} and the shortcuts; default
         *     {@link Container#preferred()}
         * @return this builder
         */
        public Builder container(Container container) {
            this.container = Objects.requireNonNull(container, "container");
            return this;
        }

        /**
         * @param application builds the servlet behind the gateway (mapped to {@code /*}, async supported), once per
         *     container; default: a 404 {@link #NOT_FOUND} problem for every request
         * @return this builder
         */
        public Builder application(Supplier<? extends HttpServlet> application) {
            this.application = Objects.requireNonNull(application, "application");
            return this;
        }

        /**
         * @param limits the connector's slow-client limits; default {@link #DEFAULT_LIMITS}; pass
         *     {@link SlowClientLimits#defaults()} to test with exactly the launcher's
         * @return this builder
         */
        public Builder slowClientLimits(SlowClientLimits limits) {
            this.limits = Objects.requireNonNull(limits, "slowClientLimits");
            return this;
        }

        /**
         * @return the extension
         * @throws IllegalStateException if neither a pipeline nor a filter was given
         */
        public GatewayExtension build() {
            if (filter == null) {
                throw new IllegalStateException("pipeline/filter: give the pipeline or the filter to run");
            }
            return new GatewayExtension(this);
        }
    }
}
