package dev.portcullis.test;

import dev.portcullis.servlet.GatewayFilter;
import dev.portcullis.test.internal.BoundedHttp;
import dev.portcullis.test.internal.Started;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Objects;

/**
 * A gateway running in a started container on {@code 127.0.0.1}, with a plain HTTP/1.1 client to call it: the JDK's
 * {@link HttpClient}, which never follows redirects and connects within 5 s. Every exchange of {@link #send} and
 * {@link #get} is bounded as a whole, body included, by the request's timeout (20 s unless it names one), so a
 * gateway that never finishes a response fails the test instead of hanging it. Closing it stops the container,
 * which destroys the filter. Thread-safe.
 *
 * <pre>{@code
 * try (RunningGateway gateway = Container.TOMCAT.start(filter, application, SlowClientLimits.defaults())) {
 *     HttpResponse<String> response = gateway.get("/api/orders/7", "Authorization", "Bearer " + token);
 * }
 * }</pre>
 */
public final class RunningGateway implements AutoCloseable {

    private final Container container;
    private final int port;
    private final GatewayFilter filter;
    private final Started.Stopper stopper;

    RunningGateway(Container container, int port, GatewayFilter filter, Started.Stopper stopper) {
        this.container = container;
        this.port = port;
        this.filter = filter;
        this.stopper = stopper;
    }

    /** @return the container it runs in */
    public Container container() {
        return container;
    }

    /** @return the port on {@code 127.0.0.1} */
    public int port() {
        return port;
    }

    /** @return the filter mounted in the container (its {@code gateway()} is the engine) */
    public GatewayFilter filter() {
        return filter;
    }

    /**
     * @param rawPathAndQuery a request target such as {@code /api/orders?page=2}, used exactly as given
     * @return the absolute URI on this gateway
     */
    public URI uri(String rawPathAndQuery) {
        Objects.requireNonNull(rawPathAndQuery, "rawPathAndQuery");
        if (!rawPathAndQuery.startsWith("/")) {
            throw new IllegalArgumentException("rawPathAndQuery must start with '/': " + rawPathAndQuery);
        }
        return URI.create("http://127.0.0.1:" + port + rawPathAndQuery);
    }

    /**
     * @param rawPathAndQuery the request target
     * @return a request builder for it with the 20 s timeout, to add a method, headers and a body
     */
    public HttpRequest.Builder request(String rawPathAndQuery) {
        return HttpRequest.newBuilder(uri(rawPathAndQuery)).timeout(BoundedHttp.DEFAULT_TIMEOUT);
    }

    /**
     * @param rawPathAndQuery the request target
     * @param headerNamesAndValues name, value, name, value... (the JDK client refuses a few, such as {@code Host})
     * @return the response to a GET, its body as text
     * @throws IOException if the exchange fails
     * @throws InterruptedException if interrupted while waiting
     */
    public HttpResponse<String> get(String rawPathAndQuery, String... headerNamesAndValues)
            throws IOException, InterruptedException {
        if (headerNamesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("headerNamesAndValues: a value for every name, got "
                    + headerNamesAndValues.length + " strings");
        }
        HttpRequest.Builder request = request(rawPathAndQuery);
        for (int i = 0; i < headerNamesAndValues.length; i += 2) {
            request.header(headerNamesAndValues[i], headerNamesAndValues[i + 1]);
        }
        return send(request.build());
    }

    /**
     * @param request a request, e.g. from {@link #request(String)}; its timeout (else 20 s) bounds the whole exchange
     * @return the response, its body as UTF-8 text (or the charset the response names)
     * @throws java.net.http.HttpTimeoutException if the response, body included, did not complete in time
     * @throws IOException if the exchange fails
     * @throws InterruptedException if interrupted while waiting
     */
    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return BoundedHttp.send(request);
    }

    /** @return the client every running gateway shares, for calls of your own (bound them yourself) */
    public static HttpClient client() {
        return BoundedHttp.client();
    }

    /**
     * Stops the container.
     *
     * @throws IllegalStateException if it fails to stop, with the container's exception as the cause
     */
    @Override
    public void close() {
        try {
            stopper.stop();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException(container + " did not stop cleanly: " + e, e);
        }
    }

    @Override
    public String toString() {
        return "RunningGateway[" + container + " on 127.0.0.1:" + port + ']';
    }
}
